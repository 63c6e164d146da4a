package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.AccessTokens;
import com.tradebot.auth.Role;
import com.tradebot.auth.SigningKeys;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks from issue 22 over the network against the running platform (template.yaml, generous WAF limits). */
class HardeningE2ETest {
    @TempDir
    static Path dataDir;
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
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

    @Test
    void concurrentWrongPasswordsForOneAccountAreCheckedAtMostFiveTimes() throws Exception {
        Accounts.User victim = accounts.register("victim", null);
        int attempts = 30;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String body = Http.json(Map.of("email", victim.email(), "password", "Wrong-guess-" + i));
            statuses.add(pool.submit(() -> {
                go.await();
                return http.post("/api/auth/login", body).status();
            }));
        }
        go.countDown();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Future<Integer> status : statuses) {
            counts.merge(status.get(), 1, Integer::sum);
        }
        pool.shutdown();
        // 401 means the password was checked; the rest must have been refused before the check
        assertThat(counts.getOrDefault(401, 0)).as(counts.toString()).isBetween(1, 5);
        assertThat(counts.getOrDefault(429, 0)).as(counts.toString()).isEqualTo(attempts - counts.getOrDefault(401, 0));
    }

    @Test
    void aTextPlainLoginIsRefusedSoNoFormCanPostIt() {
        Accounts.User user = accounts.register("csrf", null);
        Http.Response response = http.post("/api/auth/login",
                Http.json(Map.of("email", user.email(), "password", Accounts.PASSWORD)), "Content-Type", "text/plain");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.cookies()).isEmpty();
    }

    @Test
    void aNumberIsNotTakenForAPasswordString() {
        Http.Response response = http.post("/api/auth/register", "{\"email\":\"" + Accounts.uniqueEmail("num")
                + "\",\"password\":1e999999999,\"name\":\"Num\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/details/0/field").asText()).isEqualTo("password");
    }

    @Test
    void namesWithControlBidiOrLoneSurrogateCharactersAreRefusedNamingTheField() {
        for (String name : new String[] {"x\\ud800y", "a\\u0000b\\u202e", "evil\\u202egnp.exe"}) {
            Http.Response response = http.post("/api/auth/register", "{\"email\":\"" + Accounts.uniqueEmail("text")
                    + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"name\":\"" + name + "\"}");
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.json().at("/error/details/0/field").asText()).as(name).isEqualTo("name");
        }
    }

    private static AccessTokens tokensAt(Clock clock) throws Exception {
        String seed = Files.readString(dataDir.resolve("secrets").resolve("jwt-signing-seed")).trim();
        return new AccessTokens(SigningKeys.fromSeed(seed.getBytes(StandardCharsets.UTF_8)), clock);
    }

    @Test
    void aWebSocketSessionEndsWithItsTokenUntilTheClientAuthenticatesAgain() throws Exception {
        Accounts.User user = accounts.register("ws-expiry", null);
        // a real token of the platform that expires a few seconds from now
        Clock almostFifteenMinutesAgo = Clock.offset(Clock.systemUTC(), AccessTokens.LIFETIME.minusSeconds(6).negated());
        String shortLived = tokensAt(almostFifteenMinutesAgo).issue(user.id(), Role.USER);
        try (WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + shortLived))) {
            Thread.sleep(7_000);
            JsonNode refused = client.send("{\"action\":\"subscribe_positions\"}");
            assertThat(refused.path("event").asText()).isEqualTo("error");
            assertThat(refused.at("/data/code").asText()).isEqualTo("TOKEN_EXPIRED");
            assertThat(client.send("{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}").at("/data/code")
                    .asText()).isEqualTo("TOKEN_EXPIRED");

            String fresh = tokensAt(Clock.systemUTC()).issue(user.id(), Role.USER);
            assertThat(client.send("{\"action\":\"authenticate\",\"token\":\"" + fresh + "\"}").path("event").asText())
                    .isEqualTo("authenticated");
            assertThat(client.send("{\"action\":\"subscribe_positions\"}").path("event").asText())
                    .isEqualTo("subscribed");
        }
    }

    @Test
    void disablingAUserClosesTheirWebSocketConnections() throws Exception {
        Accounts.User admin = accounts.admin("ws-admin");
        Accounts.User user = accounts.register("ws-disabled", null);
        try (WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + user.accessToken()))) {
            assertThat(client.send("{\"action\":\"ping\"}").path("event").asText()).isEqualTo("pong");
            assertThat(http.post("/api/admin/users/" + user.id() + "/disable", null, "Authorization", admin.bearer())
                    .status()).isEqualTo(200);
            assertThat(client.closedByServerWithin(Duration.ofSeconds(15))).isTrue();
        }
    }

    @Test
    void loggingOutEverywhereClosesEveryWebSocketAndEndsEveryRefreshSession() throws Exception {
        Accounts.User user = accounts.register("logout-all", null);
        Http.Response secondLogin = http.post("/api/auth/login",
                Http.json(Map.of("email", user.email(), "password", Accounts.PASSWORD)));
        assertThat(secondLogin.status()).isEqualTo(200);
        String otherDevice = secondLogin.json().path("refreshToken").asText();
        try (WebSocketTestClient laptop = WebSocketTestClient.connect(
                     URI.create(platform.webSocketEndpoint() + "?token=" + user.accessToken()));
             WebSocketTestClient phone = WebSocketTestClient.connect(platform.webSocketEndpoint())) {
            assertThat(phone.send("{\"action\":\"authenticate\",\"token\":\"" + user.accessToken() + "\"}")
                    .path("event").asText()).isEqualTo("authenticated");
            assertThat(laptop.send("{\"action\":\"ping\"}").path("event").asText()).isEqualTo("pong");

            assertThat(http.post("/api/auth/logout-all", "{}", "Authorization", "Bearer " + user.accessToken())
                    .status()).isEqualTo(204);

            assertThat(laptop.closedByServerWithin(Duration.ofSeconds(15))).isTrue();
            assertThat(phone.closedByServerWithin(Duration.ofSeconds(15))).isTrue();
        }
        for (String refreshToken : List.of(user.refreshToken(), otherDevice)) {
            assertThat(http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", refreshToken))).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void controlAndBidiCharactersAreRefusedInEveryTextThatOthersSee() {
        Accounts.User provider = accounts.register("text-provider", "PROVIDER");
        String bearer = "Bearer " + provider.accessToken();
        String valid = "\"monthlyPrice\":0,\"supportedPairs\":[\"BTC/USDT\"]";
        Map<String, String> bodies = Map.of(
                "name", "{\"name\":\"Trend\\u202etxt.exe\"," + valid + "}",
                "description", "{\"name\":\"Trend\",\"description\":\"o\\u0007k\"," + valid + "}",
                "category", "{\"name\":\"Trend\",\"category\":\"a\\u200bb\"," + valid + "}",
                "parameters", "{\"name\":\"Trend\",\"parameters\":{\"note\":\"\\u2066x\"}," + valid + "}");
        bodies.forEach((field, body) -> {
            Http.Response response = http.post("/api/strategies", body, "Authorization", bearer);
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.json().at("/error/details/0/field").asText()).as(field).isEqualTo(field);
        });
        Http.Response review = http.post("/api/strategies/any-strategy/reviews",
                "{\"rating\":5,\"text\":\"great\\u202e\"}", "Authorization", bearer);
        assertThat(review.status()).isEqualTo(400);
        assertThat(review.json().at("/error/details/0/field").asText()).isEqualTo("text");
        Http.Response multiline = http.post("/api/strategies", "{\"name\":\"Trend\",\"description\":\"line 1\\nline 2\","
                + valid + "}", "Authorization", bearer);
        assertThat(multiline.status()).as(multiline.body()).isEqualTo(201);
    }
}
