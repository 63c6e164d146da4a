package com.tradebot.billing.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** Posts signed events to a webhook URL, as Stripe does: raw JSON body, {@code Stripe-Signature} header. */
public final class HttpWebhookDelivery implements WebhookDelivery {
    private final URI webhookUrl;
    private final StripeEventSigner signer;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpWebhookDelivery(URI webhookUrl, StripeEventSigner signer, Clock clock) {
        this.webhookUrl = webhookUrl;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public int deliver(String payload) {
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", signer.signatureHeader(payload, clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("webhook delivery to " + webhookUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("webhook delivery interrupted", e);
        }
    }
}
