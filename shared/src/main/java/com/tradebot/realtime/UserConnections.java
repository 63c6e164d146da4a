package com.tradebot.realtime;

import com.tradebot.auth.LiveSessions;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.storage.MainTable;
import java.time.Clock;
import java.util.Optional;

/** Ends a user's WebSocket sessions: what the accounts side calls when it ends a user's sessions. */
public final class UserConnections implements LiveSessions {
    public static final String CALLBACK_URL_VARIABLE = "WEBSOCKET_CALLBACK_URL";

    private final RealtimeService realtime;
    private final ConnectionPusher pusher;

    public UserConnections(ConnectionRepository connections, ConnectionPusher pusher, Clock clock) {
        this.realtime = new RealtimeService(connections, token -> Optional.empty(), clock);
        this.pusher = pusher;
    }

    /** Reads {@code WEBSOCKET_CALLBACK_URL} (the @connections endpoint) besides the table. */
    public static UserConnections fromEnvironment(MainTable table) {
        return new UserConnections(new ConnectionRepository(table.client(), table.name()),
                new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require(CALLBACK_URL_VARIABLE))),
                Clock.systemUTC());
    }

    @Override
    public void closeAllOf(String userId) {
        realtime.closeConnectionsOf(userId, pusher);
    }
}
