package com.tradebot.billing;

import java.time.Instant;

/**
 * What billing needs to know of one subscription record, read consistently. {@code version} is the record's
 * optimistic-lock token: the write that {@link SubscriptionBilling#update} returns must only succeed while the record
 * still has it. {@code endDate} is null until the first paid period is known.
 */
public record BilledSubscription(String subscriptionId, String userId, String strategyId, BillingStatus status,
                                 Instant endDate, boolean autoRenew, String stripeSubscriptionId, long version) {
}
