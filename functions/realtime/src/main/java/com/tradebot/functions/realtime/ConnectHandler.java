package com.tradebot.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.realtime.RealtimeService;
import java.time.Clock;
import java.util.Optional;

/** {@code $connect}: registers the connection (authenticated when the authorizer accepted a token). */
public final class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeService realtime;

    public ConnectHandler() {
        this(new RealtimeService(WebSocketSupport.connections(), token -> Optional.empty(), Clock.systemUTC()));
    }

    public ConnectHandler(RealtimeService realtime) {
        this.realtime = realtime;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        realtime.connect(event.getRequestContext().getConnectionId(), WebSocketSupport.principal(event, Clock.systemUTC()), WebSocketSupport.sourceIp(event));
        return WebSocketSupport.status(200);
    }
}
