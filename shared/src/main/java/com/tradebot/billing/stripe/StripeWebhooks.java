package com.tradebot.billing.stripe;

import com.tradebot.billing.BillingEvent;
import com.tradebot.billing.BillingEventHandler;
import com.tradebot.billing.BillingOutcome;
import com.tradebot.common.ApiException;

/**
 * {@code POST /webhooks/stripe} without the HTTP: verify the signature on the raw body, apply the event once.
 * A bad or stale signature is a 400; an event that must wait for another one is a 503 so that Stripe retries it.
 */
public final class StripeWebhooks {
    private final StripeWebhookVerifier verifier;
    private final BillingEventHandler handler;

    public StripeWebhooks(StripeWebhookVerifier verifier, BillingEventHandler handler) {
        this.verifier = verifier;
        this.handler = handler;
    }

    public BillingOutcome receive(String rawBody, String signatureHeader) {
        BillingEvent event = verifier.verify(rawBody, signatureHeader);
        BillingOutcome outcome = handler.handle(event);
        if (outcome == BillingOutcome.RETRY_LATER) {
            throw new ApiException(503, "RETRY_LATER", "Event " + event.eventId() + " waits for an earlier event");
        }
        return outcome;
    }
}
