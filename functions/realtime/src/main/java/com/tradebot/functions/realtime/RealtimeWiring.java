package com.tradebot.functions.realtime;

import com.tradebot.auth.AuthModule;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.DynamoConnectionRepository;
import com.tradebot.realtime.RealtimeService;
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
        return new RealtimeService(connections(), AuthModule.accessTokensFromEnvironment(Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** WEBSOCKET_CALLBACK_URL. */
    static ConnectionPusher pusher() {
        return new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL")));
    }

    private static DynamoConnectionRepository connections() {
        return new DynamoConnectionRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
    }
}
