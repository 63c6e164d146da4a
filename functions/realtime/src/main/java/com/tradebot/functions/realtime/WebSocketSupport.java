package com.tradebot.functions.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.DynamoConnectionRepository;
import com.tradebot.realtime.TokenVerifier;
import java.util.Map;
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

    /** The caller the $connect authorizer accepted, if any (principalId + role in its context). */
    static Optional<TokenVerifier.Caller> caller(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) {
            return Optional.empty();
        }
        Object authorizer = context.getAuthorizer();
        if (!(authorizer instanceof Map<?, ?> values)) {
            return Optional.empty();
        }
        Object userId = values.get("userId") != null ? values.get("userId") : values.get("principalId");
        Object role = values.get("role");
        if (userId == null || role == null || "anonymous".equals(userId)) {
            return Optional.empty();
        }
        return Optional.of(new TokenVerifier.Caller(userId.toString(), role.toString()));
    }

    static String sourceIp(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getIdentity() == null ? null : context.getIdentity().getSourceIp();
    }
}
