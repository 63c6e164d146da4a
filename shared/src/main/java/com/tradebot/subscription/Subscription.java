package com.tradebot.subscription;

import java.time.Instant;

/**
 * A user's subscription to a strategy. {@code priceCents} is the monthly price agreed at subscription time;
 * {@code endDate} is the end of the paid period (null: open-ended, as for free strategies); billing sets
 * {@code autoRenew}, {@code endDate} and the PENDING/PAST_DUE/PAUSED states and may add its own attributes to the item.
 */
public record Subscription(String id, String userId, String strategyId, SubscriptionStatus status, long priceCents,
                           Instant startDate, Instant endDate, boolean autoRenew, Instant createdAt,
                           Instant updatedAt) {

    /** Receives signals now: ACTIVE and not past its end date. */
    public boolean live(Instant now) {
        return status == SubscriptionStatus.ACTIVE && (endDate == null || endDate.isAfter(now));
    }
}
