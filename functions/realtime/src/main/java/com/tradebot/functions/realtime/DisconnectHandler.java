package com.tradebot.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.realtime.RealtimeService;
import java.time.Clock;
import java.util.Optional;

/** {@code $disconnect}: forgets the connection and its subscriptions. */
public final class DisconnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeService realtime;

    public DisconnectHandler() {
        this(new RealtimeService(WebSocketSupport.connections(), token -> Optional.empty(), Clock.systemUTC()));
    }

    public DisconnectHandler(RealtimeService realtime) {
        this.realtime = realtime;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        realtime.disconnect(event.getRequestContext().getConnectionId());
        return WebSocketSupport.status(200);
    }
}
