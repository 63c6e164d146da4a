package com.tradebot.local.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code @connections} management API: POST sends the body to the client as a text frame, GET describes the
 * connection, DELETE closes it. Unknown or closed connections get 410 with {@code x-amzn-ErrorType: GoneException},
 * which the SDK turns into its GoneException. As on AWS, only SigV4-signed calls get that far (see {@link SigV4Check});
 * anyone else gets 403 before the connection id is even looked at.
 */
final class ConnectionsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Connection> connections;
    private final SigV4Check signatures;

    ConnectionsApi(Map<String, Connection> connections, SigV4Check signatures) {
        this.connections = connections;
        this.signatures = signatures;
    }

    void handle(HttpServerExchange exchange, String connectionId) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readNBytes(WebSocketGateway.MAX_MESSAGE_BYTES + 1);
        }
        Optional<SigV4Check.Refusal> refusal = signatures.check(received(exchange, body));
        if (refusal.isPresent()) {
            error(exchange, 403, refusal.get().errorType(), refusal.get().message());
            return;
        }
        Connection connection = connections.get(connectionId);
        WebSocketChannel channel = connection == null ? null : connection.channel();
        if (channel == null || !channel.isOpen()) {
            error(exchange, 410, "GoneException", "Connection " + connectionId + " is gone");
            return;
        }
        switch (exchange.getRequestMethod().toString()) {
            case "POST" -> post(exchange, connection, channel, body);
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

    private static SigV4Check.Received received(HttpServerExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        // getRequestURI is the path as sent (still encoded), which is what the client signed
        String rawPath = exchange.getRequestURI();
        if (rawPath.contains("://")) {
            rawPath = URI.create(rawPath).getRawPath();
        }
        return new SigV4Check.Received(exchange.getRequestMethod().toString(),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.HOST))
                        .orElse(exchange.getHostAndPort()), rawPath,
                exchange.getQueryString(), headers, body);
    }

    private static void post(HttpServerExchange exchange, Connection connection, WebSocketChannel channel,
            byte[] data) {
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
