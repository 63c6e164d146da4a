package com.tradebot.functions.api.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds API Gateway proxy events as the gateway sends them after the authorizer ran. */
final class Requests {
    private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    private final Map<String, String> headers = new HashMap<>();

    private Requests(String method, String resource) {
        event.setHttpMethod(method);
        event.setResource(resource);
        event.setPath(resource);
        event.setHeaders(headers);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp("198.51.100.7");
        context.setIdentity(identity);
        context.setRequestId("req-1");
        context.setAuthorizer(Map.of("userId", "anonymous", "principalId", "anonymous", "role", "ANONYMOUS"));
        event.setRequestContext(context);
    }

    static Requests of(String method, String resource) {
        return new Requests(method, resource);
    }

    Requests body(String json) {
        event.setBody(json);
        return this;
    }

    /** A principal whose token is valid for the next 15 minutes. */
    static Principal principal(String userId, String role) {
        return new Principal(userId, Role.valueOf(role), Instant.now().plus(Duration.ofMinutes(15)));
    }

    Requests as(Principal principal) {
        Map<String, Object> context = new HashMap<>(principal.toAuthorizerContext());
        context.put("principalId", principal.userId());
        event.getRequestContext().setAuthorizer(context);
        return this;
    }

    Requests withoutAuthorizer() {
        event.getRequestContext().setAuthorizer(null);
        return this;
    }

    Requests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Requests path(String id) {
        event.setPathParameters(Map.of("id", id));
        event.setPath(event.getResource().replace("{id}", id));
        return this;
    }

    Requests sourceIp(String ip) {
        event.getRequestContext().getIdentity().setSourceIp(ip);
        return this;
    }

    APIGatewayProxyRequestEvent build() {
        return event;
    }
}
