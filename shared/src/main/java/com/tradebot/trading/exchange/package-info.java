/**
 * The exchange manager: one neutral interface over Binance, Bybit, Bitget (XChange 5.2.1 modules, with the few
 * endpoints they lack declared beside them in the same rescu style) and MEXC (our signed-REST adapter, Raw +
 * Adapters as in XChange).
 *
 * <ul>
 *   <li>{@link com.tradebot.trading.exchange.MarketDataClient}: public tickers, klines, book top; no key.</li>
 *   <li>{@link com.tradebot.trading.exchange.TradingClient}: balances, market/limit/stop orders, cancel, order status
 *       by exchange id and by clientOrderId, futures positions and leverage where the adapter trades futures.</li>
 *   <li>{@link com.tradebot.trading.exchange.ExchangeGateway}: the only way to a user's account: credential from the
 *       vault for one unit of work, only for a saved market and right, rate limits backed off.</li>
 *   <li>Failures are {@link com.tradebot.trading.exchange.ExchangeException} with an
 *       {@link com.tradebot.trading.exchange.ExchangeError} kind.</li>
 * </ul>
 *
 * A paper-trading engine plugs in as another {@code TradingClient} (fills simulated from {@code MarketDataClient}
 * prices), so the risk manager and {@link com.tradebot.trading.risk.OrderExecutor} run unchanged on paper.
 */
package com.tradebot.trading.exchange;
