package com.tradebot.local.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code @connections} management API: POST sends the body to the client as a text frame, GET describes the
 * connection, DELETE closes it. Unknown or closed connections get 410 with {@code x-amzn-ErrorType: GoneException},
 * which the SDK turns into its GoneException.
 */
final class ConnectionsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Connection> connections;

    ConnectionsApi(Map<String, Connection> connections) {
        this.connections = connections;
    }

    void handle(HttpServerExchange exchange, String connectionId) throws IOException {
        Connection connection = connections.get(connectionId);
        WebSocketChannel channel = connection == null ? null : connection.channel();
        if (channel == null || !channel.isOpen()) {
            error(exchange, 410, "GoneException", "Connection " + connectionId + " is gone");
            return;
        }
        switch (exchange.getRequestMethod().toString()) {
            case "POST" -> post(exchange, connection, channel);
            case "GET" -> json(exchange, 200, describe(connection));
            case "DELETE" -> {
                WebSockets.sendClose(1000, "", channel, null);
                exchange.setStatusCode(204);
                exchange.endExchange();
            }
            default -> error(exchange, 405, "BadRequestException", "Method not allowed");
        }
    }

    private static String describe(Connection connection) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.sourceIp());
        identity.put("userAgent", connection.userAgent());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("connectedAt", Instant.ofEpochMilli(connection.connectedAtMillis()).toString());
        description.put("identity", identity);
        description.put("lastActiveAt", Instant.ofEpochMilli(connection.lastActiveAtMillis()).toString());
        return json(description);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void post(HttpServerExchange exchange, Connection connection, WebSocketChannel channel)
            throws IOException {
        byte[] data;
        try (InputStream in = exchange.getInputStream()) {
            data = in.readNBytes(WebSocketGateway.MAX_MESSAGE_BYTES + 1);
        }
        if (data.length > WebSocketGateway.MAX_MESSAGE_BYTES) {
            error(exchange, 413, "PayloadTooLargeException", "Message exceeds 128 KB");
            return;
        }
        try {
            WebSockets.sendTextBlocking(new String(data, StandardCharsets.UTF_8), channel);
        } catch (IOException closedMeanwhile) {
            error(exchange, 410, "GoneException", "Connection " + connection.id() + " is gone");
            return;
        }
        exchange.setStatusCode(200);
        exchange.endExchange();
    }

    private static void error(HttpServerExchange exchange, int status, String errorType, String message) {
        exchange.getResponseHeaders().put(new HttpString("x-amzn-ErrorType"), errorType);
        json(exchange, status, json(Map.of("message", message)));
    }

    private static void json(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
