package com.tradebot.functions.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.auth.Principal;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.DynamoConnectionRepository;
import java.time.Clock;
import java.util.Optional;

/** Plumbing shared by the WebSocket route handlers. */
final class WebSocketSupport {
    private WebSocketSupport() {
    }

    static ConnectionRepository connections() {
        return new DynamoConnectionRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
    }

    static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }

    /** The principal the $connect authorizer accepted, if any and still valid. */
    static Optional<Principal> principal(APIGatewayV2WebSocketEvent event, Clock clock) {
        var context = event.getRequestContext();
        return context == null ? Optional.empty() : Principal.fromAuthorizerContext(context.getAuthorizer(), clock);
    }

    static String sourceIp(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getIdentity() == null ? null : context.getIdentity().getSourceIp();
    }
}
