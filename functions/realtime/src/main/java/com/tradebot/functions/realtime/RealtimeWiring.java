package com.tradebot.functions.realtime;

import com.tradebot.auth.AuthWiring;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.SignalAccess;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.subscription.SubscriptionService;
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
        return new RealtimeService(connections(), AuthWiring.accessTokens(Clock.systemUTC()), signalAccess(),
                Clock.systemUTC());
    }

    /** Active subscribers and the owner may subscribe to a strategy's signals. */
    private static SignalAccess signalAccess() {
        MainTable table = MainTable.fromEnvironment();
        return new SubscriptionService(new SubscriptionRepository(table.client(), table.name()),
                new StrategyRepository(table.client(), table.name()), Clock.systemUTC())::mayReceive;
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
