package com.tradebot.billing.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.tradebot.billing.BillingEvent;
import com.tradebot.billing.SubscriptionMetadata;
import com.tradebot.common.ApiException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Reads the Stripe event types billing handles into {@link BillingEvent}s; everything else is {@code Ignored}. */
final class StripeEventTranslator {

    BillingEvent translate(Event event) {
        try {
            return read(event);
        } catch (ClassCastException e) {
            throw ApiException.badRequest("INVALID_EVENT", "Event " + event.getId() + " carries the wrong object");
        }
    }

    private BillingEvent read(Event event) {
        String id = event.getId();
        Instant created = Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
        String type = event.getType() == null ? "" : event.getType();
        return switch (type) {
            case "checkout.session.completed" -> checkoutCompleted(id, created, (Session) object(event));
            case "invoice.paid" -> invoicePaid(id, created, (Invoice) object(event));
            case "invoice.payment_failed" -> invoiceFailed(id, created, (Invoice) object(event));
            case "customer.subscription.updated" -> subscriptionUpdated(id, created, (Subscription) object(event));
            case "customer.subscription.deleted" -> {
                Subscription subscription = (Subscription) object(event);
                yield new BillingEvent.SubscriptionDeleted(id, created, subscription.getId(),
                        meta(subscription.getMetadata(), SubscriptionMetadata.SUBSCRIPTION_ID));
            }
            case "charge.refunded" -> {
                Charge charge = (Charge) object(event);
                yield new BillingEvent.ChargeRefunded(id, created, charge.getId(), charge.getPaymentIntent(),
                        charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(), charge.getCurrency());
            }
            case "account.updated" -> {
                Account account = (Account) object(event);
                yield new BillingEvent.AccountUpdated(id, created, account.getId(),
                        meta(account.getMetadata(), "providerId"),
                        Boolean.TRUE.equals(account.getPayoutsEnabled()),
                        Boolean.TRUE.equals(account.getDetailsSubmitted()));
            }
            default -> new BillingEvent.Ignored(id, created, type);
        };
    }

    private static BillingEvent checkoutCompleted(String id, Instant created, Session session) {
        String subscriptionId = Optional.ofNullable(meta(session.getMetadata(), SubscriptionMetadata.SUBSCRIPTION_ID))
                .orElse(session.getClientReferenceId());
        boolean paid = "paid".equals(session.getPaymentStatus())
                || "no_payment_required".equals(session.getPaymentStatus());
        return new BillingEvent.CheckoutCompleted(id, created, session.getId(), subscriptionId,
                session.getSubscription(), session.getCustomer(), paid);
    }

    private static BillingEvent invoicePaid(String id, Instant created, Invoice invoice) {
        Optional<SubscriptionMetadata> metadata = invoiceMetadata(invoice);
        if (metadata.isEmpty()) {
            return new BillingEvent.Ignored(id, created, "invoice.paid");
        }
        return new BillingEvent.InvoicePaid(id, created, invoice.getId(), metadata.get(), stripeSubscription(invoice),
                invoice.getCustomer(), invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid(),
                invoice.getCurrency(), servicePeriodEnd(invoice));
    }

    private static BillingEvent invoiceFailed(String id, Instant created, Invoice invoice) {
        Optional<SubscriptionMetadata> metadata = invoiceMetadata(invoice);
        if (metadata.isEmpty()) {
            return new BillingEvent.Ignored(id, created, "invoice.payment_failed");
        }
        return new BillingEvent.InvoicePaymentFailed(id, created, invoice.getId(), metadata.get(),
                stripeSubscription(invoice), servicePeriodEnd(invoice));
    }

    private static BillingEvent subscriptionUpdated(String id, Instant created, Subscription subscription) {
        return new BillingEvent.SubscriptionUpdated(id, created, subscription.getId(),
                meta(subscription.getMetadata(), SubscriptionMetadata.SUBSCRIPTION_ID), subscription.getStatus(),
                subscription.getPauseCollection() != null,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
    }

    /** Since API version 2025-03-31 an invoice names its subscription (and its metadata snapshot) under parent. */
    private static Optional<SubscriptionMetadata> invoiceMetadata(Invoice invoice) {
        Invoice.Parent parent = invoice.getParent();
        if (parent == null || parent.getSubscriptionDetails() == null) {
            return Optional.empty();
        }
        return SubscriptionMetadata.fromMap(parent.getSubscriptionDetails().getMetadata());
    }

    private static String stripeSubscription(Invoice invoice) {
        Invoice.Parent parent = invoice.getParent();
        return parent == null || parent.getSubscriptionDetails() == null ? null
                : parent.getSubscriptionDetails().getSubscription();
    }

    /**
     * The end of the service period the invoice pays for: the latest line period end. (An invoice's own
     * {@code period_end} is the previous period for subscription invoices, so it is not used.)
     */
    private static Instant servicePeriodEnd(Invoice invoice) {
        if (invoice.getLines() == null || invoice.getLines().getData() == null) {
            throw ApiException.badRequest("INVALID_EVENT", "Invoice " + invoice.getId() + " has no lines");
        }
        return invoice.getLines().getData().stream()
                .map(InvoiceLineItem::getPeriod)
                .filter(period -> period != null && period.getEnd() != null)
                .map(period -> Instant.ofEpochSecond(period.getEnd()))
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> ApiException.badRequest("INVALID_EVENT",
                        "Invoice " + invoice.getId() + " has no line period"));
    }

    private static String meta(Map<String, String> metadata, String key) {
        return metadata == null ? null : metadata.get(key);
    }

    /**
     * The event's object. stripe-java only deserialises it safely when the event's API version is the library's;
     * the fields billing reads have the same shape in the versions this endpoint is pinned to, so fall back to the
     * unsafe read for others.
     */
    private static StripeObject object(Event event) {
        Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
        if (object.isPresent()) {
            return object.get();
        }
        try {
            return event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw ApiException.badRequest("INVALID_EVENT", "Unreadable " + event.getType() + " object");
        }
    }
}
