package com.tradebot.billing.stripe;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.tradebot.billing.BillingEvent;
import com.tradebot.common.ApiException;
import java.time.Clock;
import java.util.Objects;

/**
 * Checks a webhook delivery's {@code Stripe-Signature} against the raw request body with stripe-java's
 * {@link Webhook#constructEvent} (HMAC-SHA256 with the endpoint secret, timestamp no older than five minutes), then
 * reads the event into a {@link BillingEvent}. The body must be the exact bytes Stripe sent: re-serialised JSON no
 * longer matches the signature.
 */
public final class StripeWebhookVerifier {
    public static final long TOLERANCE_SECONDS = 300;

    private final String endpointSecret;
    private final Clock clock;
    private final StripeEventTranslator translator = new StripeEventTranslator();

    public StripeWebhookVerifier(String endpointSecret, Clock clock) {
        this.endpointSecret = Objects.requireNonNull(endpointSecret, "endpointSecret");
        this.clock = clock;
    }

    /** The verified event; a 400 {@link ApiException} for a missing, bad or stale signature or an unreadable body. */
    public BillingEvent verify(String rawBody, String signatureHeader) {
        if (rawBody == null || signatureHeader == null || signatureHeader.isBlank()) {
            throw ApiException.badRequest("INVALID_SIGNATURE", "Missing Stripe-Signature header or body");
        }
        Event event;
        try {
            event = Webhook.constructEvent(rawBody, signatureHeader, endpointSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            // stripe-java's message says which check failed (no matching signature, timestamp outside tolerance)
            throw ApiException.badRequest("INVALID_SIGNATURE", e.getMessage());
        } catch (NumberFormatException e) {
            // stripe-java parses t=<timestamp> with Long.parseLong and lets a malformed one escape
            throw ApiException.badRequest("INVALID_SIGNATURE", "Malformed Stripe-Signature timestamp");
        } catch (JsonParseException | IllegalStateException e) {
            throw ApiException.badRequest("INVALID_EVENT", "Signed body is not a Stripe event");
        }
        return translator.translate(event);
    }
}
