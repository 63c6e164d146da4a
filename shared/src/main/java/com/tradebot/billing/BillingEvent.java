package com.tradebot.billing;

import java.time.Instant;

/**
 * A verified Stripe webhook event, reduced to what billing acts on. {@code eventId} is Stripe's {@code evt_...} id
 * (the dedupe key); {@code created} is when Stripe created the event, which books ledger entries and orders
 * subscription updates that arrive out of order.
 */
public sealed interface BillingEvent {
    String eventId();

    Instant created();

    /** Our subscription this event concerns, from the metadata billing put on the Checkout Session. */
    record CheckoutCompleted(String eventId, Instant created, String checkoutSessionId, String subscriptionId,
                             String stripeSubscriptionId, String stripeCustomerId, boolean paid)
            implements BillingEvent {
    }

    /**
     * A paid subscription invoice. {@code periodEnd} ends the service period it pays for; the split inputs come from
     * the subscription metadata snapshot on the invoice.
     */
    record InvoicePaid(String eventId, Instant created, String invoiceId, SubscriptionMetadata metadata,
                       String stripeSubscriptionId, String stripeCustomerId, long amountPaidCents, String currency,
                       Instant periodEnd) implements BillingEvent {
    }

    record InvoicePaymentFailed(String eventId, Instant created, String invoiceId, SubscriptionMetadata metadata,
                                String stripeSubscriptionId, Instant periodEnd) implements BillingEvent {
    }

    /** {@code stripeStatus} is Stripe's subscription status ({@code active}, {@code past_due}, {@code canceled}...). */
    record SubscriptionUpdated(String eventId, Instant created, String stripeSubscriptionId, String subscriptionId,
                               String stripeStatus, boolean collectionPaused, boolean cancelAtPeriodEnd)
            implements BillingEvent {
    }

    record SubscriptionDeleted(String eventId, Instant created, String stripeSubscriptionId, String subscriptionId)
            implements BillingEvent {
    }

    /** {@code amountRefundedCents} is the charge's cumulative refunded amount (Stripe's {@code amount_refunded}). */
    record ChargeRefunded(String eventId, Instant created, String chargeId, String paymentIntentId,
                          long amountRefundedCents, String currency) implements BillingEvent {
    }

    record AccountUpdated(String eventId, Instant created, String accountId, String providerId,
                          boolean payoutsEnabled, boolean detailsSubmitted) implements BillingEvent {
    }

    /** An event type billing does not act on. */
    record Ignored(String eventId, Instant created, String type) implements BillingEvent {
    }
}
