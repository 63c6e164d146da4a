package com.tradebot.functions.api.webhooks;

import com.tradebot.billing.BillingOutcome;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.subscription.PaymentsWiring;
import java.util.Map;

/**
 * {@code POST /webhooks/stripe} (public: the {@code Stripe-Signature} on the raw body authenticates). 400 for a bad or
 * stale signature, 503 for an event that waits for another (Stripe retries it), 200 otherwise, duplicates included.
 * The local payments adapter delivers to this same route.
 */
public final class StripeWebhookHandler extends ApiHandler {
    private final StripeWebhooks webhooks;

    public StripeWebhookHandler() {
        this(PaymentsWiring.fromEnvironment().webhooks());
    }

    public StripeWebhookHandler(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
        route("POST", "/webhooks/stripe", this::receive);
        // the signature covers the exact bytes Stripe sends; the body is never parsed before it is verified
        acceptAnyContentType("POST", "/webhooks/stripe");
    }

    private ApiResponse receive(ApiRequest request) {
        BillingOutcome outcome = webhooks.receive(request.rawBody(), request.header("Stripe-Signature").orElse(null));
        return ApiResponse.ok(Map.of("received", true, "outcome", outcome.name()));
    }
}
