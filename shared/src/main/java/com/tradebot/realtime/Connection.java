package com.tradebot.realtime;

import com.tradebot.auth.Principal;
import java.time.Instant;

/** An open WebSocket connection; {@code principal} is null until the client authenticates. */
public record Connection(String connectionId, Principal principal, String sourceIp, Instant connectedAt) {
    public boolean authenticated() {
        return principal != null;
    }

    public String userId() {
        return principal == null ? null : principal.userId();
    }

    public Connection authenticatedAs(Principal newPrincipal) {
        return new Connection(connectionId, newPrincipal, sourceIp, connectedAt);
    }
}
