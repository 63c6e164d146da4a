/**
 * Pure risk rules and the exactly-once execution step of auto-trading.
 *
 * <p>The SQS FIFO executor (group = user) is expected to: map the delivered signal to a
 * {@link com.tradebot.trading.risk.TradeSignal}, read the subscription's
 * {@link com.tradebot.trading.risk.RiskSettings}, build an {@link com.tradebot.trading.risk.AccountSnapshot} from its
 * positions and the exchange's balances, call {@link com.tradebot.trading.risk.RiskManager#evaluate} (record and
 * notify a rejection), then run {@link com.tradebot.trading.risk.OrderExecutor#execute} inside
 * {@code ExchangeGateway.withAccount(user, key, market, TRADE, ...)} with an {@code ExecutionLog} backed by a
 * DynamoDB conditional put keyed by the clientOrderId. A redelivery or a crash between placing and recording then
 * ends with exactly one order. An entry limit still open at {@code OrderPlan.expiresAt} is cancelled and reported as
 * missed.
 */
package com.tradebot.trading.risk;
