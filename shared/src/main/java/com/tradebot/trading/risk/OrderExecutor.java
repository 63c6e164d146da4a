package com.tradebot.trading.risk;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.TradingClient;
import java.util.Optional;

/**
 * Places a plan's entry exactly once, however often the execution message is delivered and wherever a previous
 * attempt died: first our own record, then the exchange asked by {@code clientOrderId}, and only then a new order.
 * A crash between placing and recording is healed by the exchange lookup on the next delivery.
 */
public final class OrderExecutor {
    /** Where executions are recorded (DynamoDB conditional write in the SQS executor; a map in tests). */
    public interface ExecutionLog {
        Optional<ExchangeOrder> find(String clientOrderId);

        /** Records the order; recording the same clientOrderId again must be harmless. */
        void record(OrderPlan plan, ExchangeOrder order);
    }

    public enum Outcome {
        /** A new order was placed. */
        PLACED,
        /** The exchange already had it (an earlier attempt placed it but did not record it); now recorded. */
        RECOVERED,
        /** Already recorded: nothing done. */
        ALREADY_RECORDED
    }

    public record Execution(Outcome outcome, ExchangeOrder order) {
    }

    public Execution execute(OrderPlan plan, TradingClient exchange, ExecutionLog log) {
        Optional<ExchangeOrder> recorded = log.find(plan.clientOrderId());
        if (recorded.isPresent()) {
            return new Execution(Outcome.ALREADY_RECORDED, recorded.get());
        }
        Optional<ExchangeOrder> existing = exchange.orderByClientId(plan.symbol(), plan.clientOrderId());
        if (existing.isPresent()) {
            log.record(plan, existing.get());
            return new Execution(Outcome.RECOVERED, existing.get());
        }
        if (plan.symbol().market() == Market.FUTURES) {
            exchange.setLeverage(plan.symbol(), plan.leverage());
        }
        ExchangeOrder placed;
        try {
            placed = exchange.place(plan.entryOrder());
        } catch (ExchangeException e) {
            if (e.error() != ExchangeError.DUPLICATE_ORDER) {
                throw e;
            }
            // a concurrent attempt placed it between our lookup and our order: take that one
            ExchangeOrder other = exchange.orderByClientId(plan.symbol(), plan.clientOrderId()).orElseThrow(() -> e);
            log.record(plan, other);
            return new Execution(Outcome.RECOVERED, other);
        }
        log.record(plan, placed);
        return new Execution(Outcome.PLACED, placed);
    }
}
