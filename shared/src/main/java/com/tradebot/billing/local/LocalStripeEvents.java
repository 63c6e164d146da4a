package com.tradebot.billing.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import com.tradebot.common.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe-format objects and events for the local payments adapter, in the shapes of Stripe's API reference (API
 * version {@link Stripe#API_VERSION}): only the fields billing and stripe-java read, plus the identifying ones.
 */
final class LocalStripeEvents {
    private LocalStripeEvents() {
    }

    static String event(String type, ObjectNode object, Instant created) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", "evt_local_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", created.getEpochSecond());
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        event.put("type", type);
        return Json.write(event);
    }

    static ObjectNode metadata(ObjectNode parent, String field, Map<String, String> values) {
        ObjectNode metadata = parent.putObject(field);
        values.forEach(metadata::put);
        return metadata;
    }

    /** A subscription invoice for one monthly period, paid or open (failed). */
    static ObjectNode invoice(String invoiceId, String customerId, String subscriptionId, Map<String, String> metadata,
                              String priceId, long amountCents, String currency, Instant periodStart,
                              Instant periodEnd, boolean paid, Instant created) {
        ObjectNode invoice = Json.MAPPER.createObjectNode();
        invoice.put("id", invoiceId);
        invoice.put("object", "invoice");
        invoice.put("amount_due", amountCents);
        invoice.put("amount_paid", paid ? amountCents : 0);
        invoice.put("amount_remaining", paid ? 0 : amountCents);
        invoice.put("attempt_count", 1);
        invoice.put("attempted", true);
        invoice.put("billing_reason", "subscription_cycle");
        invoice.put("collection_method", "charge_automatically");
        invoice.put("created", created.getEpochSecond());
        invoice.put("currency", currency);
        invoice.put("customer", customerId);
        invoice.put("livemode", false);
        ObjectNode parent = invoice.putObject("parent");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        metadata(details, "metadata", metadata);
        details.put("subscription", subscriptionId);
        parent.put("type", "subscription_details");
        ObjectNode lines = invoice.putObject("lines");
        lines.put("object", "list");
        ArrayNode data = lines.putArray("data");
        ObjectNode line = data.addObject();
        line.put("id", "il_local_" + UUID.randomUUID().toString().replace("-", ""));
        line.put("object", "line_item");
        line.put("amount", amountCents);
        line.put("currency", currency);
        line.put("invoice", invoiceId);
        ObjectNode period = line.putObject("period");
        period.put("end", periodEnd.getEpochSecond());
        period.put("start", periodStart.getEpochSecond());
        ObjectNode pricing = line.putObject("pricing");
        pricing.putObject("price_details").put("price", priceId);
        pricing.put("type", "price_details");
        line.put("quantity", 1);
        lines.put("has_more", false);
        lines.put("total_count", 1);
        lines.put("url", "/v1/invoices/" + invoiceId + "/lines");
        invoice.put("period_end", periodStart.getEpochSecond());
        invoice.put("period_start", periodStart.getEpochSecond());
        invoice.put("status", paid ? "paid" : "open");
        invoice.put("subtotal", amountCents);
        invoice.put("total", amountCents);
        return invoice;
    }

    static ObjectNode charge(String chargeId, String paymentIntentId, String customerId, long amountCents,
                             long amountRefundedCents, String currency, Instant created) {
        ObjectNode charge = Json.MAPPER.createObjectNode();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", amountCents);
        charge.put("amount_captured", amountCents);
        charge.put("amount_refunded", amountRefundedCents);
        charge.put("captured", true);
        charge.put("created", created.getEpochSecond());
        charge.put("currency", currency);
        charge.put("customer", customerId);
        charge.put("livemode", false);
        charge.put("paid", true);
        charge.put("payment_intent", paymentIntentId);
        charge.put("refunded", amountRefundedCents >= amountCents);
        charge.put("status", "succeeded");
        return charge;
    }
}
