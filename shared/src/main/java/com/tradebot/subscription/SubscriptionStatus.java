package com.tradebot.subscription;

import java.util.Set;

/**
 * Where a subscription stands. Free strategies start ACTIVE; paid ones start PENDING until checkout completes
 * (billing). Only ACTIVE (and not past {@code endDate}) receives signals. While a subscription is in a
 * {@link #holdsSlot() slot-holding} state no second one of the same user and strategy can be made.
 */
public enum SubscriptionStatus {
    PENDING, ACTIVE, PAST_DUE, PAUSED, CANCELLED, EXPIRED;

    private static final Set<SubscriptionStatus> ENDED = Set.of(CANCELLED, EXPIRED);

    public boolean holdsSlot() {
        return !ENDED.contains(this);
    }
}
