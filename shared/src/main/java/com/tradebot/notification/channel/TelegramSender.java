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
 * Telegram Bot API {@code sendMessage} (https://core.telegram.org/bots/api#sendmessage): POST
 * {@code <base>/bot<token>/sendMessage} with {@code {"chat_id","text"}}; the answer is {@code {"ok":true,"result":{...}}}
 * or {@code {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}}.
 * One JSON POST through the JDK's HTTP client: a bot library would add a dependency tree for this one call.
 */
public final class TelegramSender implements ChannelSender {
    private final HttpClient http;
    private final URI base;
    private final String token;

    public TelegramSender(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    @Override
    public ChannelResult send(String chatId, String text) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/bot" + token + "/sendMessage"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("chat_id", chatId, "text", text))))
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
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200 && body.path("ok").asBoolean(false)) {
            return ChannelResult.sent();
        }
        String description = body.path("description").asText("HTTP " + response.statusCode());
        if (response.statusCode() == 429) {
            return new ChannelResult(ChannelResult.Outcome.RETRY, 429, body.at("/parameters/retry_after").asLong(1),
                    description);
        }
        if (response.statusCode() >= 500) {
            return new ChannelResult(ChannelResult.Outcome.RETRY, response.statusCode(), 0, description);
        }
        return new ChannelResult(ChannelResult.Outcome.REFUSED, response.statusCode(), 0, description);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
