package com.tradebot.billing;

import java.time.Instant;

/**
 * One paid subscription invoice as billing keeps it: the split fixed when it was paid and how much of it has been
 * refunded so far.
 */
public record PaymentRecord(String invoiceId, SubscriptionMetadata metadata, String stripeSubscriptionId,
                            long grossCents, String currency, long refundedCents, Instant paidAt, Instant periodEnd) {

    public RevenueSplit split() {
        return RevenueSplit.of(grossCents, metadata.revenueSharePercent());
    }
}
