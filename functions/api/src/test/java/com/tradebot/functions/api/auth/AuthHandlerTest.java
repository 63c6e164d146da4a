package com.tradebot.functions.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.AuthFixture;
import com.tradebot.common.Json;
import com.tradebot.auth.Principal;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;

/** The auth routes through the handler with proxy events, against the real engine. */
class AuthHandlerTest {
    private final AuthFixture fixture = new AuthFixture();
    private final AuthHandler handler = new AuthHandler(fixture.auth);

    private APIGatewayProxyResponseEvent call(Requests request) {
        return handler.handleRequest(request.build(), null);
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) {
        return Json.readTree(response.getBody());
    }

    private static String register(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"Correct-horse-9\",\"name\":\"Ann\"}";
    }

    @Test
    void registerReturnsTokensAndAHardenedRefreshCookie() {
        APIGatewayProxyResponseEvent response = call(Requests.of("POST", "/api/auth/register").body(register("ann@example.com")));
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.at("/user/email").asText()).isEqualTo("ann@example.com");
        assertThat(body.at("/user/role").asText()).isEqualTo("USER");
        assertThat(body.get("accessToken").asText()).isNotBlank();
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(response.getBody()).doesNotContain("passwordHash").doesNotContain("Correct-horse-9");
        String cookie = response.getMultiValueHeaders().get("Set-Cookie").get(0);
        assertThat(cookie).startsWith("tb_refresh=" + body.get("refreshToken").asText())
                .contains("HttpOnly").contains("Secure").contains("SameSite=Strict").contains("Path=/api/auth");
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void badBodiesAre400WithFieldDetails() {
        APIGatewayProxyResponseEvent wrongType = call(Requests.of("POST", "/api/auth/register")
                .body("{\"email\":[\"a@b.com\"],\"password\":\"Correct-horse-9\",\"name\":\"x\"}"));
        assertThat(wrongType.getStatusCode()).isEqualTo(400);
        assertThat(json(wrongType).at("/error/details/0/field").asText()).isEqualTo("email");

        APIGatewayProxyResponseEvent weak = call(Requests.of("POST", "/api/auth/register")
                .body("{\"email\":\"b@example.com\",\"password\":\"aaaaaaaaaaaa\",\"name\":\"x\"}"));
        assertThat(weak.getStatusCode()).isEqualTo(400);
        assertThat(json(weak).at("/error/details/0/message").asText()).contains("two of");

        APIGatewayProxyResponseEvent missing = call(Requests.of("POST", "/api/auth/login").body("{}"));
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(json(missing).at("/error/details")).hasSize(2);

        APIGatewayProxyResponseEvent malformed = call(Requests.of("POST", "/api/auth/login").body("{\"email\":"));
        assertThat(malformed.getStatusCode()).isEqualTo(400);

        String huge = "{\"email\":\"c@example.com\",\"password\":\"" + "x".repeat(300 * 1024) + "\",\"name\":\"x\"}";
        APIGatewayProxyResponseEvent oversized = call(Requests.of("POST", "/api/auth/register").body(huge));
        assertThat(oversized.getStatusCode()).isEqualTo(400);
        assertThat(json(oversized).at("/error/code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(fixture.auth.users().findByEmail("c@example.com")).isEmpty();
    }

    @Test
    void registeringAsAdminIsForbidden() {
        APIGatewayProxyResponseEvent response = call(Requests.of("POST", "/api/auth/register")
                .body("{\"email\":\"eve@example.com\",\"password\":\"Correct-horse-9\",\"name\":\"Eve\",\"role\":\"ADMIN\"}"));
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(call(Requests.of("POST", "/api/auth/register").body(register("eve@example.com"))).getStatusCode())
                .isEqualTo(201);
        assertThat(call(Requests.of("POST", "/api/auth/register").body(register("EVE@example.com"))).getStatusCode())
                .isEqualTo(409);
    }

    @Test
    void refreshWorksFromTheCookieAndLogoutRevokesIt() {
        JsonNode registered = json(call(Requests.of("POST", "/api/auth/register").body(register("fay@example.com"))));
        String token = registered.get("refreshToken").asText();
        APIGatewayProxyResponseEvent refreshed = call(Requests.of("POST", "/api/auth/refresh")
                .header("Cookie", "theme=dark; tb_refresh=" + token));
        assertThat(refreshed.getStatusCode()).isEqualTo(200);
        String next = json(refreshed).get("refreshToken").asText();
        assertThat(next).isNotEqualTo(token);

        assertThat(call(Requests.of("POST", "/api/auth/logout").body("{\"refreshToken\":\"" + next + "\"}"))
                .getStatusCode()).isEqualTo(204);
        APIGatewayProxyResponseEvent afterLogout = call(Requests.of("POST", "/api/auth/refresh")
                .body("{\"refreshToken\":\"" + next + "\"}"));
        assertThat(afterLogout.getStatusCode()).isEqualTo(401);
        assertThat(call(Requests.of("POST", "/api/auth/refresh").body("{}")).getStatusCode()).isEqualTo(400);
    }

    @Test
    void profileAndTwoFactorNeedAnAuthenticatedCaller() {
        assertThat(call(Requests.of("GET", "/api/auth/me")).getStatusCode()).isEqualTo(401);
        assertThat(call(Requests.of("GET", "/api/auth/me").withoutAuthorizer()).getStatusCode()).isEqualTo(401);
        assertThat(call(Requests.of("POST", "/api/auth/2fa/setup")).getStatusCode()).isEqualTo(401);

        JsonNode registered = json(call(Requests.of("POST", "/api/auth/register").body(register("gus@example.com"))));
        Principal gus = Requests.principal(registered.at("/user/id").asText(), "USER");
        assertThat(json(call(Requests.of("GET", "/api/auth/me").as(gus))).get("email").asText()).isEqualTo("gus@example.com");

        JsonNode setup = json(call(Requests.of("POST", "/api/auth/2fa/setup").as(gus)));
        assertThat(setup.get("otpauthUrl").asText()).startsWith("otpauth://totp/");
        APIGatewayProxyResponseEvent wrong = call(Requests.of("POST", "/api/auth/2fa/verify").as(gus).body("{\"code\":\"000000\"}"));
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        String code = new com.tradebot.auth.Totp(fixture.clock).currentCode(setup.get("secret").asText());
        JsonNode enabled = json(call(Requests.of("POST", "/api/auth/2fa/verify").as(gus).body("{\"code\":\"" + code + "\"}")));
        assertThat(enabled.get("recoveryCodes")).hasSize(10);
        assertThat(json(call(Requests.of("GET", "/api/auth/me").as(gus))).get("twoFactorEnabled").asBoolean()).isTrue();
    }

    @Test
    void repeatedFailedLoginsGet429WithRetryAfter() {
        call(Requests.of("POST", "/api/auth/register").body(register("hal@example.com")));
        String wrong = "{\"email\":\"hal@example.com\",\"password\":\"Wrong-password-1\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(call(Requests.of("POST", "/api/auth/login").body(wrong)).getStatusCode()).isEqualTo(401);
        }
        APIGatewayProxyResponseEvent blocked = call(Requests.of("POST", "/api/auth/login")
                .body("{\"email\":\"hal@example.com\",\"password\":\"Correct-horse-9\"}"));
        assertThat(blocked.getStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.getHeaders().get("Retry-After"))).isBetween(1L, 30L);
        assertThat(json(blocked).at("/error/code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    @Test
    void theSampleLoginEventLogsTheSampleUserIn() {
        call(Requests.of("POST", "/api/auth/register").body(register("sample@example.com")));
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventLoader.loadApiGatewayRestEvent("../../events/api/auth-login.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).at("/user/email").asText()).isEqualTo("sample@example.com");
    }
}
