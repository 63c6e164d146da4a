package com.tradebot.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code request.principal()}, {@code requirePrincipal()} and {@code requireRole(...)} through a handler. */
class ApiRequestPrincipalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    static final class Guarded extends ApiHandler {
        Guarded() {
            super(CLOCK);
            route("GET", "/optional", request -> ApiResponse.ok(Map.of("who",
                    request.principal().map(Principal::userId).orElse("nobody"))));
            route("GET", "/me", request -> ApiResponse.ok(Map.of("who", request.requirePrincipal().userId())));
            route("GET", "/admin", request -> ApiResponse.ok(Map.of("who",
                    request.requireRole(Role.ADMIN, Role.PROVIDER).userId())));
        }
    }

    private final Guarded handler = new Guarded();

    private APIGatewayProxyResponseEvent call(String resource, Map<String, Object> authorizer) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withResource(resource).withPath(resource);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(authorizer);
        event.setRequestContext(context);
        return handler.handleRequest(event, null);
    }

    private static Map<String, Object> as(String userId, Role role, long secondsLeft) {
        return new HashMap<>(new Principal(userId, role, CLOCK.instant().plusSeconds(secondsLeft)).toAuthorizerContext());
    }

    @Test
    void anonymousCallersAreNobodyOn401OnProtectedRoutes() {
        Map<String, Object> anonymous = Map.of("userId", "anonymous", "role", "ANONYMOUS");
        assertThat(call("/optional", anonymous).getBody()).contains("nobody");
        assertThat(call("/me", anonymous).getStatusCode()).isEqualTo(401);
        assertThat(call("/me", null).getStatusCode()).isEqualTo(401);
        assertThat(call("/admin", anonymous).getStatusCode()).isEqualTo(401);
    }

    @Test
    void rolesAreCheckedAfterAuthentication() {
        assertThat(call("/me", as("u1", Role.USER, 60)).getBody()).contains("u1");
        assertThat(call("/admin", as("u1", Role.USER, 60)).getStatusCode()).isEqualTo(403);
        assertThat(call("/admin", as("u2", Role.PROVIDER, 60)).getStatusCode()).isEqualTo(200);
        assertThat(call("/admin", as("u3", Role.ADMIN, 60)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aTokenThatExpiredBehindTheAuthorizerCacheIs401() {
        assertThat(call("/me", as("u1", Role.USER, 0)).getStatusCode()).isEqualTo(401);
        assertThat(call("/admin", as("u1", Role.ADMIN, -5)).getStatusCode()).isEqualTo(401);
        assertThat(call("/optional", as("u1", Role.USER, -5)).getBody()).contains("nobody");
    }
}
