package com.tradebot.trading.risk;

/** The risk manager's answer: an order plan, or a reason not to trade. */
public sealed interface RiskDecision {
    record Approved(OrderPlan plan) implements RiskDecision {
    }

    record Rejected(RejectReason reason, String message) implements RiskDecision {
    }

    default boolean approved() {
        return this instanceof Approved;
    }
}
