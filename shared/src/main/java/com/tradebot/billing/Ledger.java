package com.tradebot.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** Builds the balanced postings of payments, refunds and payouts. */
public final class Ledger {
    public static final String EXTERNAL_STRIPE = "external:stripe";
    public static final String EXTERNAL_CONNECT = "external:connect";
    public static final String PLATFORM = "platform";

    private Ledger() {
    }

    public static String providerAccount(String providerId) {
        return "provider:" + providerId;
    }

    public static String paymentGroup(String invoiceId) {
        return "payment:" + invoiceId;
    }

    public static String payoutGroup(String providerId, YearMonth period) {
        return "payout:" + providerId + ":" + period;
    }

    /** Gross in from Stripe, split between the platform and the provider. */
    public static List<LedgerEntry> payment(PaymentRecord payment, String eventId) {
        String group = paymentGroup(payment.invoiceId());
        SubscriptionMetadata m = payment.metadata();
        RevenueSplit split = payment.split();
        return balanced(List.of(
                entry(group, "paid", LedgerKind.PAYMENT, EXTERNAL_STRIPE, -split.amountCents(), payment, eventId,
                        payment.paidAt()),
                entry(group, "paid", LedgerKind.PLATFORM_FEE, PLATFORM, split.platformCents(), payment, eventId,
                        payment.paidAt()),
                entry(group, "paid", LedgerKind.PROVIDER_EARNING, providerAccount(m.providerId()),
                        split.providerCents(), payment, eventId, payment.paidAt())));
    }

    /**
     * The refund that takes the payment's cumulative refunded amount from {@code fromCents} to {@code toCents}. Each
     * side's reversal is the difference of the split of the two cumulative amounts, so however a refund is cut into
     * steps the reversals add up to the split of the total (a full refund reverses the original split exactly).
     */
    public static List<LedgerEntry> refund(PaymentRecord payment, long fromCents, long toCents, Instant bookedAt,
                                           String eventId) {
        if (fromCents < 0 || toCents <= fromCents || toCents > payment.grossCents()) {
            throw new IllegalArgumentException("refund must raise the refunded amount within the payment");
        }
        int percent = payment.metadata().revenueSharePercent();
        RevenueSplit before = RevenueSplit.of(fromCents, percent);
        RevenueSplit after = RevenueSplit.of(toCents, percent);
        String group = paymentGroup(payment.invoiceId());
        String key = "refunded-to-" + toCents;
        return balanced(List.of(
                entry(group, key, LedgerKind.REFUND, EXTERNAL_STRIPE, toCents - fromCents, payment, eventId, bookedAt),
                entry(group, key, LedgerKind.PLATFORM_FEE_REVERSAL, PLATFORM,
                        -(after.platformCents() - before.platformCents()), payment, eventId, bookedAt),
                entry(group, key, LedgerKind.PROVIDER_EARNING_REVERSAL,
                        providerAccount(payment.metadata().providerId()),
                        -(after.providerCents() - before.providerCents()), payment, eventId, bookedAt)));
    }

    /** A provider's payout: off the provider's balance, out through a Connect transfer. */
    public static List<LedgerEntry> payout(String providerId, YearMonth period, long amountCents, String currency,
                                           Instant bookedAt) {
        String group = payoutGroup(providerId, period);
        return balanced(List.of(
                new LedgerEntry(group, "paid-out", LedgerKind.PAYOUT, providerAccount(providerId), -amountCents,
                        currency, bookedAt, providerId, null, null),
                new LedgerEntry(group, "paid-out", LedgerKind.PAYOUT_TRANSFER, EXTERNAL_CONNECT, amountCents,
                        currency, bookedAt, providerId, null, null)));
    }

    private static LedgerEntry entry(String group, String key, LedgerKind kind, String account, long amount,
                                     PaymentRecord payment, String eventId, Instant bookedAt) {
        return new LedgerEntry(group, key, kind, account, amount, payment.currency(), bookedAt,
                payment.metadata().providerId(), payment.metadata().subscriptionId(), eventId);
    }

    private static List<LedgerEntry> balanced(List<LedgerEntry> entries) {
        long sum = entries.stream().mapToLong(LedgerEntry::amountCents).sum();
        if (sum != 0) {
            throw new IllegalStateException("unbalanced posting: " + entries);
        }
        return entries;
    }
}
