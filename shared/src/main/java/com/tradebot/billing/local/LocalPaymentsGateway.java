package com.tradebot.billing.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.billing.PaymentsGateway;
import com.tradebot.common.Json;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The payments adapter of the local platform, used when no {@code STRIPE_SECRET_KEY} is configured. It keeps
 * Stripe-like records in the main table, points checkout and onboarding at pages of the local platform
 * ({@code <baseUrl>/_local/checkout/<session>}, {@code <baseUrl>/_local/connect/<account>}), and reports what happens
 * as signed Stripe-format webhook events through {@link LocalPaymentsProcessor}, so the same verification and
 * handling code runs as with Stripe. Ids are derived from the idempotency keys Stripe would be sent, so a retried
 * call returns the same object.
 */
public final class LocalPaymentsGateway implements PaymentsGateway {
    private final LocalStripeStore store;
    private final String baseUrl;
    private final LocalPaymentsProcessor processor;

    public LocalPaymentsGateway(DynamoDbClient dynamoDb, String table, String baseUrl, WebhookDelivery delivery,
                                Clock clock) {
        this.store = new LocalStripeStore(dynamoDb, table);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.processor = new LocalPaymentsProcessor(store, delivery, clock);
    }

    /** What the local checkout and onboarding pages call: the stand-in for Stripe's side. */
    public LocalPaymentsProcessor processor() {
        return processor;
    }

    @Override
    public String createProduct(String strategyId, String name) {
        ObjectNode product = Json.MAPPER.createObjectNode();
        product.put("id", "prod_local_" + strategyId);
        product.put("object", "product");
        product.put("name", name);
        product.put("active", true);
        return store.putIfAbsent(product.get("id").asText(), product).get("id").asText();
    }

    @Override
    public String createMonthlyPrice(String strategyId, String productId, long amountCents, String currency,
                                     int revision) {
        ObjectNode price = Json.MAPPER.createObjectNode();
        price.put("id", "price_local_" + strategyId + "_" + revision);
        price.put("object", "price");
        price.put("active", true);
        price.put("currency", currency);
        price.put("product", productId);
        price.putObject("recurring").put("interval", "month");
        price.put("unit_amount", amountCents);
        return store.putIfAbsent(price.get("id").asText(), price).get("id").asText();
    }

    @Override
    public void archivePrice(String priceId) {
        ObjectNode price = store.get(priceId).orElseThrow(() -> new IllegalArgumentException("no price " + priceId));
        price.put("active", false);
        store.put(priceId, price);
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        ObjectNode price = store.get(request.priceId())
                .orElseThrow(() -> new IllegalArgumentException("no price " + request.priceId()));
        if (!price.get("active").asBoolean()) {
            throw new IllegalArgumentException("price " + request.priceId() + " is archived");
        }
        String id = "cs_local_" + request.metadata().subscriptionId();
        ObjectNode session = Json.MAPPER.createObjectNode();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("amount_total", price.get("unit_amount").asLong());
        session.put("cancel_url", request.cancelUrl());
        session.put("client_reference_id", request.metadata().subscriptionId());
        session.put("currency", price.get("currency").asText());
        session.putNull("customer");
        session.put("customer_email", request.customerEmail());
        LocalStripeEvents.metadata(session, "metadata", request.metadata().toMap());
        session.put("mode", "subscription");
        session.put("payment_status", "unpaid");
        session.put("price", request.priceId()); // local only: what the session sells
        session.put("status", "open");
        session.putNull("subscription");
        session.put("success_url", request.successUrl());
        session.put("url", baseUrl + "/_local/checkout/" + id);
        ObjectNode stored = store.putIfAbsent(id, session);
        return new CheckoutSession(id, stored.get("url").asText());
    }

    @Override
    public void setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancelAtPeriodEnd) {
        processor.updateSubscription(stripeSubscriptionId, s -> s.put("cancel_at_period_end", cancelAtPeriodEnd));
    }

    @Override
    public void setCollectionPaused(String stripeSubscriptionId, boolean paused) {
        processor.updateSubscription(stripeSubscriptionId, s -> {
            if (paused) {
                s.putObject("pause_collection").put("behavior", "void").putNull("resumes_at");
            } else {
                s.putNull("pause_collection");
            }
        });
    }

    @Override
    public String createExpressAccount(String providerId, String email) {
        ObjectNode account = Json.MAPPER.createObjectNode();
        account.put("id", "acct_local_" + providerId);
        account.put("object", "account");
        account.put("charges_enabled", false);
        account.put("details_submitted", false);
        account.put("email", email);
        LocalStripeEvents.metadata(account, "metadata", java.util.Map.of("providerId", providerId));
        account.put("payouts_enabled", false);
        account.put("type", "express");
        return store.putIfAbsent(account.get("id").asText(), account).get("id").asText();
    }

    @Override
    public String createAccountLink(String accountId, String refreshUrl, String returnUrl) {
        store.get(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        return baseUrl + "/_local/connect/" + accountId + "?return=" + java.net.URLEncoder.encode(returnUrl,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Transfer createTransfer(String accountId, long amountCents, String currency, String transferGroup) {
        ObjectNode transfer = Json.MAPPER.createObjectNode();
        transfer.put("id", "tr_local_" + UUID.randomUUID().toString().replace("-", ""));
        transfer.put("object", "transfer");
        transfer.put("amount", amountCents);
        transfer.put("currency", currency);
        transfer.put("destination", accountId);
        transfer.put("transfer_group", transferGroup);
        // keyed by the group, like Stripe's idempotency key: a retried transfer returns the first one
        ObjectNode stored = store.putIfAbsent("transfer_group:" + transferGroup, transfer);
        return toTransfer(stored);
    }

    @Override
    public Optional<Transfer> findTransfer(String transferGroup) {
        return store.get("transfer_group:" + transferGroup).map(LocalPaymentsGateway::toTransfer);
    }

    @Override
    public Optional<String> invoiceOfPaymentIntent(String paymentIntentId) {
        return store.get("pi:" + paymentIntentId).map(link -> link.get("invoice").asText());
    }

    private static Transfer toTransfer(ObjectNode transfer) {
        return new Transfer(transfer.get("id").asText(), transfer.get("amount").asLong(),
                transfer.get("destination").asText(), transfer.get("transfer_group").asText());
    }
}
