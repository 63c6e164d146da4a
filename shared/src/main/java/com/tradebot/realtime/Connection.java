package com.tradebot.realtime;

import java.time.Instant;

/** An open WebSocket connection; userId and role are null until the client authenticates. */
public record Connection(String connectionId, String userId, String role, String sourceIp, Instant connectedAt) {
    public boolean authenticated() {
        return userId != null;
    }

    public Connection authenticatedAs(String newUserId, String newRole) {
        return new Connection(connectionId, newUserId, newRole, sourceIp, connectedAt);
    }
}
