package com.tradebot.functions.realtime;

import com.tradebot.auth.AuthWiring;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.storage.MainTable;
import java.time.Clock;
import java.util.Optional;

/** What the WebSocket functions build from their environment; each takes only what it uses. */
final class RealtimeWiring {
    private RealtimeWiring() {
    }

    /** $connect and $disconnect verify no tokens (the authorizer did): TABLE_NAME only. */
    static RealtimeService realtimeWithoutTokens() {
        return new RealtimeService(connections(), token -> Optional.empty(), Clock.systemUTC());
    }

    /** Messages may carry {@code authenticate}: TABLE_NAME and the signing key. */
    static RealtimeService realtimeWithTokens() {
        return new RealtimeService(connections(), AuthWiring.accessTokens(Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** WEBSOCKET_CALLBACK_URL. */
    static ConnectionPusher pusher() {
        return new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL")));
    }

    private static ConnectionRepository connections() {
        MainTable table = MainTable.fromEnvironment();
        return new ConnectionRepository(table.client(), table.name());
    }
}
