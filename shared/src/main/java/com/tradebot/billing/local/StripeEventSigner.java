package com.tradebot.billing.local;

import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * Signs a webhook payload the way Stripe does ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
 * "t.payload" with the endpoint secret>}), using stripe-java's own HMAC helper, so the local platform's deliveries go
 * through exactly the verification real ones do.
 */
public final class StripeEventSigner {
    private final String endpointSecret;

    public StripeEventSigner(String endpointSecret) {
        this.endpointSecret = endpointSecret;
    }

    public String signatureHeader(String payload, Instant timestamp) {
        long t = timestamp.getEpochSecond();
        try {
            return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(endpointSecret, t + "." + payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
