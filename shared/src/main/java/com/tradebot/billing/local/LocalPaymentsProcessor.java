package com.tradebot.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Plays Stripe's part on the local platform: a subscriber pays on the local checkout page, a period renews or fails,
 * a charge is refunded, a provider finishes onboarding. Each records the outcome like Stripe would and delivers the
 * events Stripe would send, signed, to the platform's webhook.
 */
public final class LocalPaymentsProcessor {
    private final LocalStripeStore store;
    private final WebhookDelivery delivery;
    private final Clock clock;

    LocalPaymentsProcessor(LocalStripeStore store, WebhookDelivery delivery, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** What the checkout page shows: what is being bought, and whether it is paid. */
    public record CheckoutView(String sessionId, String subscriptionId, long amountCents, String currency,
                               String status, String successUrl, String cancelUrl) {
    }

    /** One paid period: the ids Stripe would have created for it. */
    public record PaidPeriod(String stripeSubscriptionId, String invoiceId, String paymentIntentId, String chargeId,
                             long amountCents, Instant periodEnd, List<Integer> deliveryStatuses) {
    }

    public CheckoutView checkout(String sessionId) {
        ObjectNode session = session(sessionId);
        return new CheckoutView(sessionId, session.get("client_reference_id").asText(),
                session.get("amount_total").asLong(), session.get("currency").asText(),
                session.get("status").asText(), session.get("success_url").asText(),
                session.get("cancel_url").asText());
    }

    /**
     * Pays an open checkout session: creates the customer, subscription, first invoice and payment, then sends
     * {@code checkout.session.completed} and {@code invoice.paid}.
     */
    public PaidPeriod pay(String sessionId) {
        ObjectNode session = session(sessionId);
        if (!"open".equals(session.get("status").asText())) {
            throw new IllegalStateException("checkout session " + sessionId + " is " + session.get("status").asText());
        }
        Instant now = clock.instant();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String customerId = "cus_local_" + suffix;
        String subscriptionId = "sub_local_" + suffix;
        ObjectNode subscription = Json.MAPPER.createObjectNode();
        subscription.put("id", subscriptionId);
        subscription.put("object", "subscription");
        subscription.put("cancel_at_period_end", false);
        subscription.put("created", now.getEpochSecond());
        subscription.put("currency", session.get("currency").asText());
        subscription.put("customer", customerId);
        subscription.set("metadata", session.get("metadata").deepCopy());
        subscription.putNull("pause_collection");
        subscription.put("status", "active");
        subscription.put("price", session.get("price").asText()); // local only
        subscription.put("amount", session.get("amount_total").asLong()); // local only
        subscription.put("current_period_end", now.getEpochSecond()); // local only: advanced by each paid period
        store.put(subscriptionId, subscription);

        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("customer", customerId);
        session.put("subscription", subscriptionId);
        store.put(sessionId, session);

        PaidInvoice invoice = invoice(subscription, true, now);
        ObjectNode completedSession = session.deepCopy();
        completedSession.remove("price");
        List<Integer> statuses = new ArrayList<>();
        statuses.add(delivery.deliver(LocalStripeEvents.event("checkout.session.completed", completedSession, now)));
        statuses.add(delivery.deliver(LocalStripeEvents.event("invoice.paid", invoice.object, now)));
        return invoice.paid(statuses);
    }

    /** Charges the next monthly period of a subscription and sends {@code invoice.paid}. */
    public PaidPeriod renew(String stripeSubscriptionId) {
        ObjectNode subscription = subscription(stripeSubscriptionId);
        Instant now = clock.instant();
        PaidInvoice invoice = invoice(subscription, true, now);
        return invoice.paid(List.of(delivery.deliver(LocalStripeEvents.event("invoice.paid", invoice.object, now))));
    }

    /** A failed charge for the next period: sends {@code invoice.payment_failed}. */
    public int failRenewal(String stripeSubscriptionId) {
        ObjectNode subscription = subscription(stripeSubscriptionId);
        Instant now = clock.instant();
        PaidInvoice invoice = invoice(subscription, false, now);
        return delivery.deliver(LocalStripeEvents.event("invoice.payment_failed", invoice.object, now));
    }

    /** Refunds up to {@code totalRefundedCents} of a paid invoice's charge (cumulative, as Stripe reports it). */
    public int refund(String invoiceId, long totalRefundedCents) {
        ObjectNode charge = store.get("charge_of:" + invoiceId)
                .orElseThrow(() -> new IllegalArgumentException("no charge for " + invoiceId));
        if (totalRefundedCents <= charge.get("amount_refunded").asLong()
                || totalRefundedCents > charge.get("amount").asLong()) {
            throw new IllegalArgumentException("refund must raise the refunded amount within the charge");
        }
        Instant now = clock.instant();
        charge.put("amount_refunded", totalRefundedCents);
        charge.put("refunded", totalRefundedCents == charge.get("amount").asLong());
        store.put("charge_of:" + invoiceId, charge);
        return delivery.deliver(LocalStripeEvents.event("charge.refunded", charge, now));
    }

    /** The provider finished onboarding: payouts are enabled and {@code account.updated} is sent. */
    public int completeOnboarding(String accountId) {
        ObjectNode account = store.get(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        account.put("charges_enabled", true);
        account.put("details_submitted", true);
        account.put("payouts_enabled", true);
        store.put(accountId, account);
        return delivery.deliver(LocalStripeEvents.event("account.updated", account, clock.instant()));
    }

    /** Cancels a subscription now: {@code customer.subscription.deleted}. */
    public int cancelNow(String stripeSubscriptionId) {
        ObjectNode subscription = subscription(stripeSubscriptionId);
        subscription.put("status", "canceled");
        store.put(stripeSubscriptionId, subscription);
        return delivery.deliver(LocalStripeEvents.event("customer.subscription.deleted", stripeView(subscription),
                clock.instant()));
    }

    void updateSubscription(String stripeSubscriptionId, Consumer<ObjectNode> change) {
        ObjectNode subscription = subscription(stripeSubscriptionId);
        change.accept(subscription);
        store.put(stripeSubscriptionId, subscription);
        delivery.deliver(LocalStripeEvents.event("customer.subscription.updated", stripeView(subscription),
                clock.instant()));
    }

    private PaidInvoice invoice(ObjectNode subscription, boolean paid, Instant now) {
        // each period starts where the last paid one ended (the first one at checkout)
        Instant start = Instant.ofEpochSecond(subscription.get("current_period_end").asLong());
        Instant end = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String invoiceId = "in_local_" + suffix;
        long amount = subscription.get("amount").asLong();
        String currency = subscription.get("currency").asText();
        Map<String, String> metadata = new LinkedHashMap<>();
        subscription.get("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
        ObjectNode invoice = LocalStripeEvents.invoice(invoiceId, subscription.get("customer").asText(),
                subscription.get("id").asText(), metadata, subscription.get("price").asText(), amount, currency,
                start, end, paid, now);
        if (!paid) {
            return new PaidInvoice(invoice, subscription.get("id").asText(), invoiceId, null, null, amount, end);
        }
        String paymentIntentId = "pi_local_" + suffix;
        String chargeId = "ch_local_" + suffix;
        ObjectNode link = Json.MAPPER.createObjectNode().put("invoice", invoiceId);
        store.put("pi:" + paymentIntentId, link);
        store.put("charge_of:" + invoiceId, LocalStripeEvents.charge(chargeId, paymentIntentId,
                subscription.get("customer").asText(), amount, 0, currency, now));
        subscription.put("current_period_end", end.getEpochSecond());
        store.put(subscription.get("id").asText(), subscription);
        return new PaidInvoice(invoice, subscription.get("id").asText(), invoiceId, paymentIntentId, chargeId, amount,
                end);
    }

    private record PaidInvoice(ObjectNode object, String subscriptionId, String invoiceId, String paymentIntentId,
                               String chargeId, long amount, Instant periodEnd) {
        PaidPeriod paid(List<Integer> statuses) {
            return new PaidPeriod(subscriptionId, invoiceId, paymentIntentId, chargeId, amount, periodEnd, statuses);
        }
    }

    /** The subscription as Stripe shows it: without the local bookkeeping fields. */
    private static ObjectNode stripeView(ObjectNode subscription) {
        ObjectNode view = subscription.deepCopy();
        view.remove(List.of("price", "amount", "current_period_end"));
        return view;
    }

    private ObjectNode session(String sessionId) {
        return store.get(sessionId).filter(s -> "checkout.session".equals(text(s, "object")))
                .orElseThrow(() -> new IllegalArgumentException("no checkout session " + sessionId));
    }

    private ObjectNode subscription(String stripeSubscriptionId) {
        return store.get(stripeSubscriptionId).filter(s -> "subscription".equals(text(s, "object")))
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + stripeSubscriptionId));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
