package com.tradebot.trading.execution;

import com.tradebot.trading.exchange.ExchangeOrder;
import java.time.Instant;

/**
 * What happened to one signal for one follower: an order (placed or recovered from the exchange) or a rejection
 * with its reason. Keyed by the entry's clientOrderId, so each (signal, user) has at most one.
 */
public record ExecutionRecord(String clientOrderId, String userId, String subscriptionId, String strategyId,
                              String signalId, String mode, Outcome outcome, String reason, String message,
                              ExchangeOrder order, String positionId, Instant at) {
    public enum Outcome {
        ORDERED, REJECTED
    }
}
