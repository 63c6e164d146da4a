package com.tradebot.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one billing decision writes, committed by {@link BillingRepository#commit} as one DynamoDB transaction:
 * the webhook event's dedupe record, ledger postings, and the state they change. Described here without storage
 * types so the decisions stay plain Java.
 */
public final class BillingCommit {
    /** The webhook event applied by this commit; null for commits not caused by an event (payouts). */
    final BillingEvent event;
    final List<LedgerEntry> entries = new ArrayList<>();
    PaymentRecord newPayment;
    RefundStep refund;
    BilledSubscription subscription;
    SubscriptionChange subscriptionChange;
    SubscriptionEventMark subscriptionMark;
    PayoutAccount payoutAccount;
    PayoutRecorded payoutRecorded;

    private BillingCommit(BillingEvent event) {
        this.event = event;
    }

    public static BillingCommit forEvent(BillingEvent event) {
        return new BillingCommit(event);
    }

    public static BillingCommit withoutEvent() {
        return new BillingCommit(null);
    }

    /** A first-seen paid invoice and its split. */
    public BillingCommit newPayment(PaymentRecord payment, String eventId) {
        this.newPayment = payment;
        entries.addAll(Ledger.payment(payment, eventId));
        return this;
    }

    /** Raises a payment's refunded amount from what was read to {@code toCents}, with the reversal posting. */
    public BillingCommit refund(PaymentRecord payment, long toCents, Instant bookedAt, String eventId) {
        this.refund = new RefundStep(payment.invoiceId(), payment.refundedCents(), toCents);
        entries.addAll(Ledger.refund(payment, payment.refundedCents(), toCents, bookedAt, eventId));
        return this;
    }

    public BillingCommit changeSubscription(BilledSubscription current, SubscriptionChange change) {
        this.subscription = current;
        this.subscriptionChange = change;
        return this;
    }

    /** Remembers the newest Stripe subscription event applied, so an older one arriving later changes nothing. */
    public BillingCommit markSubscriptionEvent(String stripeSubscriptionId, String subscriptionId, Instant created) {
        this.subscriptionMark = new SubscriptionEventMark(stripeSubscriptionId, subscriptionId, created);
        return this;
    }

    public BillingCommit payoutAccount(PayoutAccount account) {
        this.payoutAccount = account;
        return this;
    }

    /** Marks a payout intent paid by {@code transferId}, with its ledger posting. */
    public BillingCommit payoutRecorded(PayoutIntent intent, String transferId, Instant bookedAt) {
        this.payoutRecorded = new PayoutRecorded(intent, transferId, bookedAt);
        entries.addAll(Ledger.payout(intent.providerId(), intent.period(), intent.amountCents(), intent.currency(),
                bookedAt));
        return this;
    }

    record RefundStep(String invoiceId, long fromCents, long toCents) {
    }

    record SubscriptionEventMark(String stripeSubscriptionId, String subscriptionId, Instant created) {
    }

    record PayoutRecorded(PayoutIntent intent, String transferId, Instant bookedAt) {
    }
}
