package com.tradebot.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Discord "Execute Webhook" (https://discord.com/developers/docs/resources/webhook#execute-webhook): POST the
 * webhook URL with {@code {"content": "..."}}; 204 without {@code ?wait=true}. A 429 carries
 * {@code {"message":"You are being rate limited.","retry_after":0.5,"global":false}} and a {@code Retry-After} header.
 */
public final class DiscordSender implements ChannelSender {
    /** Discord refuses content over 2,000 characters. */
    private static final int MAX_CONTENT = 2_000;

    private final HttpClient http;

    public DiscordSender(HttpClient http) {
        this.http = http;
    }

    @Override
    public ChannelResult send(String webhookUrl, String text) {
        String content = text.length() > MAX_CONTENT ? text.substring(0, MAX_CONTENT) : text;
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("content", content))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new ChannelResult(ChannelResult.Outcome.RETRY, 0, 0, "network: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChannelResult(ChannelResult.Outcome.RETRY, 0, 0, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return ChannelResult.sent();
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (IOException e) {
            body = Json.MAPPER.createObjectNode();
        }
        String description = body.path("message").asText("HTTP " + status);
        if (status == 429) {
            double seconds = body.path("retry_after").asDouble(
                    response.headers().firstValue("Retry-After").map(Double::parseDouble).orElse(1.0));
            return new ChannelResult(ChannelResult.Outcome.RETRY, 429, (long) Math.ceil(seconds), description);
        }
        if (status >= 500) {
            return new ChannelResult(ChannelResult.Outcome.RETRY, status, 0, description);
        }
        return new ChannelResult(ChannelResult.Outcome.REFUSED, status, 0, description);
    }
}
