package com.tradebot.functions.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tradebot.auth.AuthFixture;
import com.tradebot.auth.AuthSession;
import com.tradebot.auth.Role;
import com.tradebot.common.Json;
import com.tradebot.auth.Principal;
import org.junit.jupiter.api.Test;

/** Admin routes: only ADMIN callers (by the authorizer's role, never the body) get through. */
class AdminUsersHandlerTest {
    private final AuthFixture fixture = new AuthFixture();
    private final AdminUsersHandler handler = new AdminUsersHandler(fixture.auth);

    private APIGatewayProxyResponseEvent call(Requests request) {
        return handler.handleRequest(request.build(), null);
    }

    @Test
    void onlyAdminsManageUsers() {
        AuthSession admin = fixture.register("queen@example.com", null);
        fixture.auth.users().updateRole(admin.user().id(), Role.ADMIN);
        AuthSession user = fixture.register("rick@example.com", null);
        Principal adminCaller = Requests.principal(admin.user().id(), "ADMIN");
        Principal userCaller = Requests.principal(user.user().id(), "USER");

        assertThat(call(Requests.of("GET", "/api/admin/users")).getStatusCode()).isEqualTo(401);
        assertThat(call(Requests.of("GET", "/api/admin/users").as(userCaller)).getStatusCode()).isEqualTo(403);
        // claiming the role in the body changes nothing
        assertThat(call(Requests.of("PUT", "/api/admin/users/{id}/role").path(user.user().id()).as(userCaller)
                .body("{\"role\":\"ADMIN\",\"callerRole\":\"ADMIN\"}")).getStatusCode()).isEqualTo(403);

        APIGatewayProxyResponseEvent listed = call(Requests.of("GET", "/api/admin/users").as(adminCaller));
        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(Json.readTree(listed.getBody()).get("items")).hasSize(2);
        assertThat(listed.getBody()).doesNotContain("argon2id");
        assertThat(call(Requests.of("GET", "/api/admin/users").as(adminCaller).header("x", "y")).getStatusCode()).isEqualTo(200);

        APIGatewayProxyResponseEvent promoted = call(Requests.of("PUT", "/api/admin/users/{id}/role").path(user.user().id())
                .as(adminCaller).body("{\"role\":\"PROVIDER\"}"));
        assertThat(Json.readTree(promoted.getBody()).get("role").asText()).isEqualTo("PROVIDER");
        assertThat(call(Requests.of("PUT", "/api/admin/users/{id}/role").path(user.user().id())
                .as(adminCaller).body("{\"role\":5}")).getStatusCode()).isEqualTo(400);
        assertThat(call(Requests.of("POST", "/api/admin/users/{id}/disable").path("nobody").as(adminCaller)).getStatusCode())
                .isEqualTo(404);
        APIGatewayProxyResponseEvent disabled = call(Requests.of("POST", "/api/admin/users/{id}/disable")
                .path(user.user().id()).as(adminCaller));
        assertThat(Json.readTree(disabled.getBody()).get("disabled").asBoolean()).isTrue();
    }
}
