package com.tradebot.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.Principal;
import com.tradebot.auth.TokenVerifier;
import com.tradebot.common.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The WebSocket protocol of {@code docs/websocket.md}: connections, authentication and channel subscriptions.
 * Replies go to the client through {@link ConnectionPusher}, exactly as pushes from other functions do.
 */
public final class RealtimeService {
    private static final Pattern PAIR = Pattern.compile("[A-Z0-9]{2,15}/[A-Z0-9]{2,15}");
    private static final int MAX_PAIRS = 50;

    private final ConnectionRepository connections;
    private final TokenVerifier tokens;
    private final SignalAccess signalAccess;
    private final Clock clock;

    /** For functions that only connect and disconnect: nobody may subscribe to signals through it. */
    public RealtimeService(ConnectionRepository connections, TokenVerifier tokens, Clock clock) {
        this(connections, tokens, SignalAccess.NONE, clock);
    }

    public RealtimeService(ConnectionRepository connections, TokenVerifier tokens, SignalAccess signalAccess,
                           Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.signalAccess = signalAccess;
        this.clock = clock;
    }

    /** $connect: the caller is known when the authorizer accepted a {@code ?token=}, anonymous otherwise. */
    public void connect(String connectionId, Optional<Principal> principal, String sourceIp) {
        connections.save(new Connection(connectionId, principal.orElse(null), sourceIp, clock.instant()));
    }

    /** Whether the connection is registered (also a cheap first call through the table client for priming). */
    public boolean isOpen(String connectionId) {
        return connections.find(connectionId).isPresent();
    }

    public void disconnect(String connectionId) {
        connections.delete(connectionId);
    }

    /** One client message; every outcome, success or error, is answered with exactly one message. */
    public void onMessage(String connectionId, String body, ConnectionPusher pusher) {
        pusher.push(connectionId, reply(connectionId, body));
    }

    private ServerMessage reply(String connectionId, String body) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return error("INVALID_JSON", "Messages must be JSON objects with an \"action\"");
        }
        if (message == null || !message.isObject() || !message.path("action").isTextual()) {
            return error("INVALID_MESSAGE", "Messages must be JSON objects with an \"action\"");
        }
        String action = message.get("action").asText();
        Optional<Connection> found = connections.find(connectionId);
        if (found.isEmpty()) {
            return error("UNKNOWN_CONNECTION", "Connection is not registered; reconnect");
        }
        Connection connection = found.get();
        return switch (action) {
            case "ping" -> ServerMessage.of("pong", Map.of(), clock.instant());
            case "authenticate" -> authenticate(connection, message.path("token").asText(""));
            case "subscribe_signals" -> subscribeSignals(connection, message.path("strategyId").asText(""));
            case "subscribe_positions" -> subscribePositions(connection);
            case "subscribe_prices" -> subscribePrices(connection, message.path("pairs"));
            default -> error("UNKNOWN_ACTION", "Unknown action: " + action);
        };
    }

    private ServerMessage authenticate(Connection connection, String token) {
        Optional<Principal> principal = token.isBlank() ? Optional.empty() : tokens.verify(token);
        if (principal.isEmpty()) {
            return error("UNAUTHORIZED", "Invalid or expired token");
        }
        if (connection.authenticated() && !connection.userId().equals(principal.get().userId())) {
            // its subscriptions (e.g. positions#<user>) belong to the first user
            return error("FORBIDDEN", "This connection belongs to another user; open a new one");
        }
        connections.save(connection.authenticatedAs(principal.get()));
        return ServerMessage.of("authenticated",
                Map.of("userId", principal.get().userId(), "role", principal.get().role().name()), clock.instant());
    }

    private ServerMessage subscribeSignals(Connection connection, String strategyId) {
        Optional<ServerMessage> refused = sessionProblem(connection);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (strategyId.isBlank() || strategyId.length() > 64) {
            return error("VALIDATION_FAILED", "strategyId is required");
        }
        if (!signalAccess.mayReceive(connection.userId(), strategyId)) {
            return error("FORBIDDEN", "Only active subscribers and the owner receive this strategy's signals");
        }
        // The dispatcher re-checks the subscription for every signal, so one that ends stops at the next event.
        connections.subscribe(connection.connectionId(), "signals#" + strategyId);
        return subscribed("signals", Map.of("strategyId", strategyId));
    }

    private ServerMessage subscribePositions(Connection connection) {
        Optional<ServerMessage> refused = sessionProblem(connection);
        if (refused.isPresent()) {
            return refused.get();
        }
        connections.subscribe(connection.connectionId(), "positions#" + connection.userId());
        return subscribed("positions", Map.of());
    }

    private ServerMessage subscribePrices(Connection connection, JsonNode pairs) {
        if (!pairs.isArray() || pairs.isEmpty() || pairs.size() > MAX_PAIRS) {
            return error("VALIDATION_FAILED", "pairs must be a list of 1 to " + MAX_PAIRS + " pairs like \"BTC/USDT\"");
        }
        List<String> accepted = new ArrayList<>();
        for (JsonNode pair : pairs) {
            String text = pair.asText("").toUpperCase();
            if (!PAIR.matcher(text).matches()) {
                return error("VALIDATION_FAILED", "Invalid pair: " + pair.asText(""));
            }
            accepted.add(text);
        }
        for (String pair : accepted) {
            connections.subscribe(connection.connectionId(), "prices#" + pair);
        }
        return subscribed("prices", Map.of("pairs", accepted));
    }

    /** Anonymous connections and sessions whose token has expired get no private data. */
    private Optional<ServerMessage> sessionProblem(Connection connection) {
        if (!connection.authenticated()) {
            return Optional.of(error("UNAUTHORIZED", "Authenticate before subscribing"));
        }
        if (!connection.principal().activeAt(clock.instant())) {
            return Optional.of(tokenExpired());
        }
        return Optional.empty();
    }

    private ServerMessage tokenExpired() {
        return error("TOKEN_EXPIRED", "Your access token expired; send authenticate with a fresh token");
    }

    /**
     * Pushes {@code message} to the channel's subscribers. Private channels (everything but {@code prices#...})
     * reach only connections whose session is still valid; a connection whose token expired gets a
     * {@code TOKEN_EXPIRED} error instead, until it authenticates again. Connections that are gone are forgotten.
     *
     * @return how many connections received the message
     */
    public int deliver(String channel, ServerMessage message, ConnectionPusher pusher) {
        boolean privateChannel = !channel.startsWith("prices#");
        int delivered = 0;
        for (String connectionId : connections.subscribers(channel)) {
            if (privateChannel) {
                Optional<Connection> connection = connections.find(connectionId);
                if (connection.isEmpty()) {
                    continue;
                }
                if (sessionProblem(connection.get()).isPresent()) {
                    if (!pusher.push(connectionId, tokenExpired())) {
                        connections.delete(connectionId);
                    }
                    continue;
                }
            }
            if (pusher.push(connectionId, message)) {
                delivered++;
            } else {
                connections.delete(connectionId);
            }
        }
        return delivered;
    }

    /** Closes every open connection of a user (disabled by an admin, or logged out everywhere). */
    public void closeConnectionsOf(String userId, ConnectionPusher pusher) {
        for (String connectionId : connections.connectionsOfUser(userId)) {
            pusher.close(connectionId);
            connections.delete(connectionId);
        }
    }

    private ServerMessage subscribed(String channel, Map<String, Object> details) {
        return ServerMessage.of("subscribed", Map.of("channel", channel, "details", details), clock.instant());
    }

    private ServerMessage error(String code, String message) {
        return ServerMessage.error(code, message, clock.instant());
    }
}
