package com.tradebot.billing.local;

/** Where the local payments adapter sends its Stripe-format events (the platform's {@code /webhooks/stripe}). */
public interface WebhookDelivery {
    /** Delivers one event payload; the implementation signs it. Returns the receiver's HTTP-like status. */
    int deliver(String payload);
}
