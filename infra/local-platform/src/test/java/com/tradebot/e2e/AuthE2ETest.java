package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.AccessTokens;
import com.tradebot.auth.Role;
import com.tradebot.auth.SigningKeys;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts end to end: the platform runs template.yaml; everything goes over real HTTP and WebSocket connections. */
class AuthE2ETest {
    @TempDir
    static Path dataDir;
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        // generous WAF limits here: this class is about auth, RateLimitE2ETest covers the template's own limits
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withDataDir(dataDir)
                .withParameters(Map.of("ApiRateLimitPerMinute", "100000", "LoginRateLimitPerMinute", "100000",
                        "RegisterRateLimitPerMinute", "100000")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static String refreshCookie(Http.Response response) {
        String cookie = response.cookies().stream().filter(c -> c.startsWith("tb_refresh=")).findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void registerLoginRefreshRotationReuseDetectionAndLogout() {
        String email = Accounts.uniqueEmail("ann");
        Http.Response registered = http.post("/api/auth/register",
                Http.json(Map.of("email", email.toUpperCase(), "password", Accounts.PASSWORD, "name", "Ann")));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(registered.cookies()).anySatisfy(c -> assertThat(c).startsWith("tb_refresh=").contains("HttpOnly")
                .contains("Secure").contains("SameSite=Strict"));
        String access = registered.json().get("accessToken").asText();
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(access)).json().get("email").asText())
                .isEqualTo(email);

        // the browser way: the cookie alone refreshes, and a new cookie replaces it
        String firstCookie = refreshCookie(registered);
        Http.Response refreshed = http.post("/api/auth/refresh", null, "Cookie", firstCookie);
        assertThat(refreshed.status()).isEqualTo(200);
        String secondCookie = refreshCookie(refreshed);
        assertThat(secondCookie).isNotEqualTo(firstCookie);

        // the first cookie again: reuse, the family is revoked, the newest token dies too
        Http.Response reused = http.post("/api/auth/refresh", null, "Cookie", firstCookie);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.errorCode()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(http.post("/api/auth/refresh", null, "Cookie", secondCookie).status()).isEqualTo(401);

        Accounts.User again = accounts.login(email, null);
        assertThat(http.post("/api/auth/logout", Http.json(Map.of("refreshToken", again.refreshToken()))).status())
                .isEqualTo(204);
        assertThat(http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", again.refreshToken()))).status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/register",
                Http.json(Map.of("email", email, "password", Accounts.PASSWORD, "name", "Ann"))).status()).isEqualTo(409);
    }

    @Test
    void forgedMissingAndExpiredTokensAre401AtTheGateway() throws Exception {
        Accounts.User user = accounts.register("bob", null);
        assertThat(http.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(http.get("/api/auth/me").errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(http.get("/api/auth/me", "Authorization", "Bearer not-a-token").status()).isEqualTo(401);

        String[] parts = user.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"USER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(http.get("/api/admin/users", "Authorization", Http.bearer(tampered)).status()).isEqualTo(401);
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(none)).status()).isEqualTo(401);

        // signed with the platform's real key (its seed is under the data dir) but 16 minutes old: expired
        String seed = Files.readString(dataDir.resolve("secrets").resolve("jwt-signing-seed")).trim();
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
        String expired = new AccessTokens(SigningKeys.fromSeed(seed.getBytes(StandardCharsets.UTF_8)), past)
                .issue(user.id(), Role.USER);
        String fresh = new AccessTokens(SigningKeys.fromSeed(seed.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC())
                .issue(user.id(), Role.USER);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(fresh)).status()).isEqualTo(200);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(expired)).status()).isEqualTo(401);
    }

    @Test
    void badInputIs400WithDetailsAndEscalationIs403() {
        Http.Response wrongTypes = http.post("/api/auth/register", "{\"email\":{\"x\":1},\"password\":true,\"name\":\"x\"}");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.json().at("/error/details/0/field").asText()).isEqualTo("email");
        Http.Response weak = http.post("/api/auth/register", Http.json(Map.of("email", "weak@example.com",
                "password", "alllowercase", "name", "W")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().at("/error/details/0/field").asText()).isEqualTo("password");
        Http.Response oversized = http.post("/api/auth/login", "{\"email\":\"" + "a".repeat(300 * 1024) + "\"}");
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.errorCode()).isEqualTo("BODY_TOO_LARGE");
        assertThat(http.post("/api/auth/login", "not json").status()).isEqualTo(400);
        Http.Response admin = http.post("/api/auth/register", Http.json(Map.of("email", Accounts.uniqueEmail("eve"),
                "password", Accounts.PASSWORD, "name", "Eve", "role", "ADMIN")));
        assertThat(admin.status()).isEqualTo(403);
    }

    @Test
    void repeatedWrongPasswordsBackOffWith429AndRetryAfter() {
        Accounts.User user = accounts.register("carl", null);
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/auth/login", Http.json(Map.of("email", user.email(), "password", "Wrong-pass-" + i)))
                    .status()).isEqualTo(401);
        }
        Http.Response blocked = http.post("/api/auth/login", Http.json(Map.of("email", user.email(), "password", Accounts.PASSWORD)));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 30L));
        assertThat(blocked.errorCode()).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    @Test
    void twoFactorProtectsLoginAndRecoveryCodesWorkOnce() {
        Accounts.User user = accounts.register("dora", null);
        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(user);
        assertThat(twoFactor.recoveryCodes()).hasSize(10);
        Map<String, String> noCode = Map.of("email", user.email(), "password", Accounts.PASSWORD);
        assertThat(http.post("/api/auth/login", Http.json(noCode)).errorCode()).isEqualTo("TOTP_REQUIRED");
        Http.Response wrong = http.post("/api/auth/login", Http.json(Map.of("email", user.email(),
                "password", Accounts.PASSWORD, "totpCode", "000000")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("INVALID_TOTP");
        assertThat(accounts.login(user.email(), Accounts.code(twoFactor.secret(), 1)).accessToken()).isNotBlank();
        String recovery = twoFactor.recoveryCodes().get(3);
        assertThat(accounts.login(user.email(), recovery).accessToken()).isNotBlank();
        assertThat(http.post("/api/auth/login", Http.json(Map.of("email", user.email(), "password", Accounts.PASSWORD,
                "totpCode", recovery))).status()).isEqualTo(401);
    }

    @Test
    void adminsManageUsersAndDisablingEndsRefreshAtOnce() {
        Accounts.User admin = accounts.admin("root");
        Accounts.User user = accounts.register("eric", null);
        assertThat(http.get("/api/admin/users", "Authorization", user.bearer()).status()).isEqualTo(403);
        Http.Response listed = http.get("/api/admin/users?limit=100", "Authorization", admin.bearer());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items").findValuesAsText("email")).contains(user.email());

        Http.Response promoted = http.send("PUT", "/api/admin/users/" + user.id() + "/role",
                Http.json(Map.of("role", "PROVIDER")), "Authorization", admin.bearer());
        assertThat(promoted.json().get("role").asText()).isEqualTo("PROVIDER");

        assertThat(http.post("/api/admin/users/" + user.id() + "/disable", null, "Authorization", admin.bearer())
                .status()).isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", user.refreshToken()))).status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/login", Http.json(Map.of("email", user.email(), "password", Accounts.PASSWORD)))
                .errorCode()).isEqualTo("ACCOUNT_DISABLED");
    }

    @Test
    void webSocketConnectsWithATokenAnonymouslyOrNotAtAllWithABadOne() throws Exception {
        Accounts.User user = accounts.register("fred", null);
        URI ws = platform.webSocketEndpoint();
        try (WebSocketTestClient authenticated = WebSocketTestClient.connect(URI.create(ws + "?token=" + user.accessToken()))) {
            JsonNode reply = authenticated.send("{\"action\":\"subscribe_positions\"}");
            assertThat(reply.get("event").asText()).isEqualTo("subscribed");
        }
        try (WebSocketTestClient anonymous = WebSocketTestClient.connect(ws)) {
            assertThat(anonymous.send("{\"action\":\"subscribe_positions\"}").at("/data/code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(anonymous.send("{\"action\":\"authenticate\",\"token\":\"forged\"}").get("event").asText()).isEqualTo("error");
            JsonNode authenticated = anonymous.send("{\"action\":\"authenticate\",\"token\":\"" + user.accessToken() + "\"}");
            assertThat(authenticated.get("event").asText()).isEqualTo("authenticated");
            assertThat(authenticated.at("/data/userId").asText()).isEqualTo(user.id());
            assertThat(anonymous.send("{\"action\":\"subscribe_positions\"}").get("event").asText()).isEqualTo("subscribed");
        }
        assertThatThrownBy(() -> WebSocketTestClient.connect(URI.create(ws + "?token=forged.token.value")))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }
}
