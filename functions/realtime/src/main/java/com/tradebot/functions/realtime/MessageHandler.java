package com.tradebot.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.auth.AuthModule;
import com.tradebot.auth.TokenVerifier;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.SignalAccess;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.subscription.SubscriptionService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Clock;

/** Every client message ($default and the custom routes): answered through the @connections API. */
public final class MessageHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeService realtime;
    private final ConnectionPusher pusher;

    public MessageHandler() {
        this(tokenVerifier(), new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL"))));
    }

    private MessageHandler(TokenVerifier tokens, ConnectionPusher pusher) {
        this(new RealtimeService(WebSocketSupport.connections(), tokens, signalAccess(), Clock.systemUTC()), pusher);
    }

    /** Active subscribers and the owner may subscribe to a strategy's signals. */
    private static SignalAccess signalAccess() {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb();
        String table = Env.require("TABLE_NAME");
        return new SubscriptionService(new SubscriptionRepository(dynamoDb, table),
                new StrategyRepository(dynamoDb, table), Clock.systemUTC())::mayReceive;
    }

    public MessageHandler(RealtimeService realtime, ConnectionPusher pusher) {
        this.realtime = realtime;
        this.pusher = pusher;
    }

    private static TokenVerifier tokenVerifier() {
        return AuthModule.accessTokensFromEnvironment(Clock.systemUTC());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        realtime.onMessage(event.getRequestContext().getConnectionId(), event.getBody(), pusher);
        return WebSocketSupport.status(200);
    }
}
