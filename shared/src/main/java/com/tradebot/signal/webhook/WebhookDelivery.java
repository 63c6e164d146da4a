package com.tradebot.signal.webhook;

import java.time.Instant;

/** One delivery of a strategy's webhook as its provider sees it in the intake log (never the body or passphrase). */
public record WebhookDelivery(Instant receivedAt, String outcome, int status, String reason, String action,
                              String ticker, String signalId) {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String REJECTED = "REJECTED";
}
