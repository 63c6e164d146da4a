package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.local.template.ApiRouteDef;
import com.tradebot.local.template.RestApiDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For every REST route of template.yaml, the status each kind of caller gets: anonymous, another user, the owner of
 * the resource, an admin. The routes are read from the template, so a route added without an entry here (or an
 * entry for a removed route) fails the test. Where a route changes state, the request is shaped so that passing
 * authorization leads to a harmless, recognisable outcome (usually a 400 for an empty body).
 */
class AuthorizationMatrixTest {
    private static LocalPlatform platform;
    private static Http http;
    private static Fixture fixture;

    /** Who calls, in this order: the owner last, since the owner's own call may delete the resource. */
    enum Caller { ANONYMOUS, OTHER, ADMIN, OWNER }

    /** The users and resources the requests refer to. */
    record Fixture(Accounts.User other, Accounts.User owner, Accounts.User admin, Accounts.User victim,
                   String ownerKeyId, String ownerTestedKeyId) {
    }

    /** A request for a route, given the fixture; null body means none. */
    record Call(String method, String path, String body) {
    }

    /** Expected statuses as anonymous, another user, the owner and an admin (run in {@link Caller} order). */
    record Entry(Function<Fixture, Call> request, int anonymous, int other, int owner, int admin) {
        int expected(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> anonymous;
                case OTHER -> other;
                case OWNER -> owner;
                case ADMIN -> admin;
            };
        }
    }

    private static final Map<String, Entry> MATRIX = new LinkedHashMap<>();

    private static void entry(String route, Function<Fixture, Call> request, int anonymous, int other, int owner,
                              int admin) {
        MATRIX.put(route, new Entry(request, anonymous, other, owner, admin));
    }

    static {
        entry("GET /health", f -> new Call("GET", "/health", null), 200, 200, 200, 200);
        // public credential endpoints: a token changes nothing; empty bodies show the handler ran
        entry("POST /api/auth/register", f -> new Call("POST", "/api/auth/register", "{}"), 400, 400, 400, 400);
        entry("POST /api/auth/login", f -> new Call("POST", "/api/auth/login", "{}"), 400, 400, 400, 400);
        entry("POST /api/auth/refresh", f -> new Call("POST", "/api/auth/refresh", "{}"), 400, 400, 400, 400);
        entry("POST /api/auth/logout", f -> new Call("POST", "/api/auth/logout", "{}"), 204, 204, 204, 204);
        // own account
        entry("GET /api/auth/me", f -> new Call("GET", "/api/auth/me", null), 401, 200, 200, 200);
        entry("POST /api/auth/2fa/setup", f -> new Call("POST", "/api/auth/2fa/setup", "{}"), 401, 200, 409, 200);
        entry("POST /api/auth/2fa/verify", f -> new Call("POST", "/api/auth/2fa/verify", "{}"), 401, 400, 400, 400);
        entry("POST /api/auth/2fa/disable", f -> new Call("POST", "/api/auth/2fa/disable", "{}"), 401, 400, 400, 400);
        // ends the caller's own sessions only (access tokens stay valid until they lapse, so later rows still run)
        entry("POST /api/auth/logout-all", f -> new Call("POST", "/api/auth/logout-all", "{}"), 401, 204, 204, 204);
        // admin only
        entry("GET /api/admin/users", f -> new Call("GET", "/api/admin/users", null), 401, 403, 403, 200);
        entry("PUT /api/admin/users/{id}/role", f -> new Call("PUT", "/api/admin/users/" + f.victim().id() + "/role",
                "{\"role\":\"PROVIDER\"}"), 401, 403, 403, 200);
        entry("POST /api/admin/users/{id}/disable", f -> new Call("POST", "/api/admin/users/" + f.victim().id()
                + "/disable", null), 401, 403, 403, 200);
        entry("POST /api/admin/users/{id}/enable", f -> new Call("POST", "/api/admin/users/" + f.victim().id()
                + "/enable", null), 401, 403, 403, 200);
        // the vault: the owner's key; admins have no business with users' exchange credentials either
        entry("GET /api/exchange-keys", f -> new Call("GET", "/api/exchange-keys", null), 401, 200, 200, 200);
        entry("POST /api/exchange-keys", f -> new Call("POST", "/api/exchange-keys", "{}"), 401, 400, 400, 400);
        entry("DELETE /api/exchange-keys/{id}", f -> new Call("DELETE", "/api/exchange-keys/" + f.ownerKeyId(), null),
                401, 403, 204, 403);
        // a second key (the DELETE above runs first); the exchange is unreachable here, so the owner's check is a
        // 200 reporting UNAVAILABLE (ExchangeKeysE2ETest drives it against a stubbed exchange)
        entry("POST /api/exchange-keys/{id}/test", f -> new Call("POST", "/api/exchange-keys/" + f.ownerTestedKeyId()
                + "/test", null), 401, 403, 200, 403);
        // backtests: any signed-in user runs their own; a job id of someone else reads as missing (404)
        entry("POST /api/backtest/run", f -> new Call("POST", "/api/backtest/run", "{}"), 401, 400, 400, 400);
        entry("POST /api/backtest/batch", f -> new Call("POST", "/api/backtest/batch", "{}"), 401, 400, 400, 400);
        entry("POST /api/backtest/optimize", f -> new Call("POST", "/api/backtest/optimize", "{}"), 401, 400, 400, 400);
        entry("GET /api/backtest/history", f -> new Call("GET", "/api/backtest/history", null), 401, 200, 200, 200);
        entry("GET /api/backtest/{id}", f -> new Call("GET", "/api/backtest/no-such-job", null), 401, 404, 404, 404);
        // Pine import: any signed-in user; an empty body is a 400 naming the script field
        entry("POST /api/strategies/import/pine", f -> new Call("POST", "/api/strategies/import/pine", "{}"),
                401, 400, 400, 400);
        // strategy consultant: any signed-in user; an empty body is a 400 naming the question field
        entry("POST /api/advisor/ask", f -> new Call("POST", "/api/advisor/ask", "{}"), 401, 400, 400, 400);
        entry("GET /api/market-data/datasets", f -> new Call("GET", "/api/market-data/datasets", null),
                401, 200, 200, 200);
        entry("POST /api/market-data/import", f -> new Call("POST", "/api/market-data/import", "{}"),
                401, 403, 403, 400);
        // issue 19 (dash3): candles for any signed-in user; no symbol is a 400 after authorization
        // issue 19 (dash3): anyone signed in reads their own strategies (none is an empty list)
        entry("GET /api/providers/me/strategies", f -> new Call("GET", "/api/providers/me/strategies", null),
                401, 200, 200, 200);
        entry("GET /api/market-data/candles", f -> new Call("GET", "/api/market-data/candles?timeframe=1h", null),
                401, 400, 400, 400);
        marketplaceEntries();
        billingEntries();
        tradingEntries();
    }

    /** Issue 17: OWNER is a PROVIDER; the subscription is OWNER's (free, so pausing it is a 409 after authorization). */
    private static void billingEntries() {
        entry("PUT /api/subscriptions/{id}/pause", f -> new Call("PUT", "/api/subscriptions/"
                + MarketplaceMatrix.subscriptionId + "/pause", null), 401, 403, 409, 403);
        // public: the Stripe-Signature authenticates, a token changes nothing; none here is a 400
        entry("POST /webhooks/stripe", f -> new Call("POST", "/webhooks/stripe", "{}"), 400, 400, 400, 400);
        entry("GET /api/providers/me/earnings", f -> new Call("GET", "/api/providers/me/earnings", null),
                401, 403, 200, 403);
        entry("POST /api/providers/me/payouts/onboarding", f -> new Call("POST",
                "/api/providers/me/payouts/onboarding", null), 401, 403, 200, 403);
        entry("GET /api/admin/revenue", f -> new Call("GET", "/api/admin/revenue?from=2026-13", null),
                401, 403, 403, 400);
    }

    /** Issue 18: auto-trade settings of OWNER's subscription; positions are read by id (someone else's is 403). */
    private static void tradingEntries() {
        entry("GET /api/subscriptions/{id}/execution", f -> new Call("GET", "/api/subscriptions/"
                + MarketplaceMatrix.subscriptionId + "/execution", null), 401, 403, 200, 403);
        entry("PUT /api/subscriptions/{id}/execution", f -> new Call("PUT", "/api/subscriptions/"
                + MarketplaceMatrix.subscriptionId + "/execution", "{\"mode\":\"MOON\"}"), 401, 403, 400, 403);
        entry("GET /api/trading/executions", f -> new Call("GET", "/api/trading/executions", null), 401, 200, 200, 200);
        entry("GET /api/positions", f -> new Call("GET", "/api/positions", null), 401, 200, 200, 200);
        entry("GET /api/positions/{id}", f -> new Call("GET", "/api/positions/no-such-position", null),
                401, 404, 404, 404);
        entry("POST /api/positions/close/{id}", f -> new Call("POST", "/api/positions/close/no-such-position", null),
                401, 404, 404, 404);
        // paper sessions: anyone signed in runs their own; an unknown id is 404 for everyone
        entry("POST /api/trading/paper/start", f -> new Call("POST", "/api/trading/paper/start", "{\"replay\":{}}"),
                401, 400, 400, 400);
        entry("POST /api/trading/paper/stop/{id}", f -> new Call("POST", "/api/trading/paper/stop/no-such-session",
                null), 401, 404, 404, 404);
        entry("GET /api/trading/sessions", f -> new Call("GET", "/api/trading/sessions", null), 401, 200, 200, 200);
        entry("GET /api/trading/sessions/{id}", f -> new Call("GET", "/api/trading/sessions/no-such-session", null),
                401, 404, 404, 404);
    }

    /** Issue 15: OWNER is a PROVIDER owning {@link MarketplaceMatrix}'s strategies and signal. */
    private static void marketplaceEntries() {
        String strategy = "/api/strategies/";
        entry("GET /api/strategies", f -> new Call("GET", "/api/strategies", null), 200, 200, 200, 200);
        entry("POST /api/strategies", f -> new Call("POST", "/api/strategies", "{}"), 401, 403, 400, 403);
        entry("GET /api/strategies/{id}", f -> new Call("GET", strategy + MarketplaceMatrix.strategyId, null),
                200, 200, 200, 200);
        entry("PUT /api/strategies/{id}", f -> new Call("PUT", strategy + MarketplaceMatrix.strategyId,
                "{\"name\":\" \"}"), 401, 403, 400, 403);
        entry("DELETE /api/strategies/{id}", f -> new Call("DELETE", strategy + MarketplaceMatrix.deletableStrategyId,
                null), 401, 403, 204, 403);
        entry("GET /api/strategies/{id}/webhook", f -> new Call("GET", strategy + MarketplaceMatrix.strategyId
                + "/webhook", null), 401, 403, 200, 403);
        entry("POST /api/strategies/{id}/webhook", f -> new Call("POST", strategy + MarketplaceMatrix.strategyId
                + "/webhook", null), 401, 403, 200, 403);
        entry("GET /api/strategies/{id}/track-record", f -> new Call("GET", strategy + MarketplaceMatrix.strategyId
                + "/track-record", null), 200, 200, 200, 200);
        entry("GET /api/strategies/{id}/webhook/deliveries", f -> new Call("GET", strategy
                + MarketplaceMatrix.strategyId + "/webhook/deliveries", null), 401, 403, 200, 403);
        // public: the passphrase in the body authenticates, a token changes nothing
        entry("POST /webhooks/tradingview/{strategyId}", f -> new Call("POST", "/webhooks/tradingview/"
                + MarketplaceMatrix.strategyId, "{}"), 401, 401, 401, 401);
        entry("GET /api/notifications", f -> new Call("GET", "/api/notifications", null), 401, 200, 200, 200);
        // keyed under the caller: another user's notification id is simply not found
        entry("PUT /api/notifications/{id}/read", f -> new Call("PUT", "/api/notifications/no-such/read", null),
                401, 404, 404, 404);
        entry("GET /api/notifications/preferences", f -> new Call("GET", "/api/notifications/preferences", null),
                401, 200, 200, 200);
        entry("PUT /api/notifications/preferences", f -> new Call("PUT", "/api/notifications/preferences",
                "{\"discordWebhookUrl\":\"https://127.0.0.1/api/webhooks/1/x\"}"), 401, 400, 400, 400);
        entry("GET /api/strategies/{id}/reviews", f -> new Call("GET", strategy + MarketplaceMatrix.strategyId
                + "/reviews", null), 200, 200, 200, 200);
        // OTHER never subscribed (403), OWNER may not review their own strategy (403), nor may an admin who never
        // subscribed; the rule itself is tested in ReviewsE2E (subscriber 201, second review 409)
        entry("POST /api/strategies/{id}/reviews", f -> new Call("POST", strategy + MarketplaceMatrix.strategyId
                + "/reviews", "{\"rating\":5}"), 401, 403, 403, 403);
        entry("GET /api/subscriptions", f -> new Call("GET", "/api/subscriptions", null), 401, 200, 200, 200);
        entry("POST /api/subscriptions", f -> new Call("POST", "/api/subscriptions", "{}"), 401, 400, 400, 400);
        entry("PUT /api/subscriptions/{id}/cancel", f -> new Call("PUT", "/api/subscriptions/"
                + MarketplaceMatrix.subscriptionId + "/cancel", null), 401, 403, 200, 403);
        entry("GET /api/signals", f -> new Call("GET", "/api/signals", null), 401, 200, 200, 200);
        entry("POST /api/signals", f -> new Call("POST", "/api/signals", "{}"), 401, 400, 400, 400);
        entry("GET /api/signals/{id}", f -> new Call("GET", "/api/signals/" + MarketplaceMatrix.signalId, null),
                401, 403, 200, 403);
        entry("PUT /api/signals/{id}", f -> new Call("PUT", "/api/signals/" + MarketplaceMatrix.signalId, "{}"),
                401, 403, 400, 403);
        entry("DELETE /api/signals/{id}", f -> new Call("DELETE", "/api/signals/" + MarketplaceMatrix.signalId, null),
                401, 403, 200, 403);
    }

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "LoginRateLimitPerMinute", "100000",
                "RegisterRateLimitPerMinute", "100000", "ExchangeBinanceUrl", "http://127.0.0.1:9")));
        http = new Http(platform.restEndpoint());
        Accounts accounts = new Accounts(platform);
        Accounts.User owner = accounts.register("owner", "PROVIDER");
        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(owner);
        Http.Response key = http.post("/api/exchange-keys", ExchangeKeysE2ETest.keyBody("MATRIXKEY0004321",
                "matrix-secret-1", Accounts.code(twoFactor.secret(), 1)), "Authorization", owner.bearer());
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        Http.Response tested = http.post("/api/exchange-keys", ExchangeKeysE2ETest.keyBody("MATRIXKEY0005555",
                "matrix-secret-2", twoFactor.recoveryCodes().get(0)), "Authorization", owner.bearer());
        assertThat(tested.status()).as(tested.body()).isEqualTo(201);
        MarketplaceMatrix.create(http, owner, accounts.register("provider", "PROVIDER"));
        fixture = new Fixture(accounts.register("other", null), owner, accounts.admin("admin"),
                accounts.register("victim", null), key.json().get("id").asText(), tested.json().get("id").asText());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        for (RestApiDef api : platform.model().restApis()) {
            for (ApiRouteDef route : api.routes()) {
                routes.add(route.method() + " " + route.path());
            }
        }
        return routes;
    }

    @Test
    void everyTemplateRouteHasAnEntryAndNoEntryIsStale() {
        assertThat(MATRIX.keySet()).as("routes of template.yaml without a matrix entry / entries without a route")
                .containsExactlyInAnyOrderElementsOf(templateRoutes());
    }

    @Test
    void everyCallerGetsTheExpectedStatusOnEveryRoute() {
        SoftAssertions softly = new SoftAssertions();
        List<String> report = new ArrayList<>();
        for (String route : templateRoutes()) {
            Entry entry = MATRIX.get(route);
            if (entry == null) {
                continue; // reported by the other test
            }
            for (Caller caller : Caller.values()) {
                Call call = entry.request().apply(fixture);
                Http.Response response = caller == Caller.ANONYMOUS
                        ? http.send(call.method(), call.path(), call.body())
                        : http.send(call.method(), call.path(), call.body(), "Authorization", bearer(caller));
                report.add(route + " as " + caller + " -> " + response.status());
                softly.assertThat(response.status()).as(route + " as " + caller + ": " + response.body())
                        .isEqualTo(entry.expected(caller));
            }
        }
        softly.assertAll();
        assertThat(report).hasSize(MATRIX.size() * Caller.values().length);
    }

    private static String bearer(Caller caller) {
        return switch (caller) {
            case OTHER -> fixture.other().bearer();
            case OWNER -> fixture.owner().bearer();
            case ADMIN -> fixture.admin().bearer();
            case ANONYMOUS -> throw new IllegalArgumentException();
        };
    }
}
