package com.tradebot.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One change billing asks of a subscription record; null fields stay as they are. Built with the named factories
 * ({@link #activate}, {@link #renew}, {@link #markPastDue}, {@link #pause}, {@link #resume}, {@link #cancel},
 * {@link #autoRenew}) and merged with {@link #and} when one Stripe event implies several (one item may be written
 * only once per DynamoDB transaction).
 */
public record SubscriptionChange(BillingStatus status, Instant endDate, Boolean autoRenew,
                                 String stripeSubscriptionId, String stripeCustomerId) {

    /** First payment (or completed checkout): ACTIVE, linked to Stripe, paid until {@code paidUntil} if known. */
    public static SubscriptionChange activate(String stripeSubscriptionId, String stripeCustomerId, Instant paidUntil) {
        return new SubscriptionChange(BillingStatus.ACTIVE, paidUntil, null, stripeSubscriptionId, stripeCustomerId);
    }

    /** A paid period: ACTIVE until {@code until}. */
    public static SubscriptionChange renew(Instant until) {
        return new SubscriptionChange(BillingStatus.ACTIVE, Objects.requireNonNull(until), null, null, null);
    }

    public static SubscriptionChange markPastDue() {
        return new SubscriptionChange(BillingStatus.PAST_DUE, null, null, null, null);
    }

    public static SubscriptionChange pause() {
        return new SubscriptionChange(BillingStatus.PAUSED, null, null, null, null);
    }

    public static SubscriptionChange resume() {
        return new SubscriptionChange(BillingStatus.ACTIVE, null, null, null, null);
    }

    /** Ends the subscription now (Stripe deleted it); signal delivery stops. */
    public static SubscriptionChange cancel() {
        return new SubscriptionChange(BillingStatus.CANCELLED, null, false, null, null);
    }

    /** The paid period ended without a payment (the daily renewal job); signal delivery has already stopped. */
    public static SubscriptionChange expire() {
        return new SubscriptionChange(BillingStatus.EXPIRED, null, false, null, null);
    }

    /** {@code false} when the subscriber asked to cancel at the end of the paid period. */
    public static SubscriptionChange autoRenew(boolean autoRenew) {
        return new SubscriptionChange(null, null, autoRenew, null, null);
    }

    /** This change with {@code other}'s non-null fields on top. */
    public SubscriptionChange and(SubscriptionChange other) {
        return new SubscriptionChange(
                other.status != null ? other.status : status,
                other.endDate != null ? other.endDate : endDate,
                other.autoRenew != null ? other.autoRenew : autoRenew,
                other.stripeSubscriptionId != null ? other.stripeSubscriptionId : stripeSubscriptionId,
                other.stripeCustomerId != null ? other.stripeCustomerId : stripeCustomerId);
    }
}
