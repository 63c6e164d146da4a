package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/exchange-keys/{id}/test} through the local platform, with Binance stubbed by WireMock (the
 * function's {@code EXCHANGE_BINANCE_URL} points at it through the template parameter). The stub accepts only
 * requests signed with the right secret, as Binance does.
 */
class ExchangeKeyCheckE2ETest {
    static final String API_KEY = "E2EBINANCEKEY000777";
    static final String SECRET = "e2e-binance-secret-value";

    private static WireMockServer binance;
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        binance = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        binance.start();
        binance.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}")));
        binance.stubFor(get(urlPathEqualTo("/api/v3/account")).atPriority(1).andMatching(r -> MatchResult.of(signed(r)))
                .willReturn(okJson("""
                        {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
                         "canTrade":true,"canWithdraw":false,"canDeposit":true,"updateTime":123456789,
                         "accountType":"SPOT","balances":[{"asset":"BTC","free":"0.1","locked":"0.0"},
                         {"asset":"USDT","free":"500.0","locked":"0.0"},{"asset":"BNB","free":"0","locked":"0"}],
                         "permissions":["SPOT"]}""")));
        binance.stubFor(get(urlPathEqualTo("/fapi/v2/account")).atPriority(1).andMatching(r -> MatchResult.of(signed(r)))
                .willReturn(okJson("""
                        {"feeTier":0,"canTrade":true,"canDeposit":true,"canWithdraw":true,"updateTime":0,
                         "totalInitialMargin":"0.00000000","totalMaintMargin":"0.00000000",
                         "totalWalletBalance":"103.12345678","totalUnrealizedProfit":"0.00000000",
                         "totalMarginBalance":"103.12345678","availableBalance":"103.12345678","assets":[],
                         "positions":[{"symbol":"BTCUSDT","initialMargin":"0","maintMargin":"0",
                         "unrealizedProfit":"0.00000000","positionInitialMargin":"0","openOrderInitialMargin":"0",
                         "leverage":"100","isolated":true,"entryPrice":"0.00000","maxNotional":"250000",
                         "positionSide":"BOTH","positionAmt":"0","updateTime":0}]}""")));
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000",
                "ExchangeBinanceUrl", "http://127.0.0.1:" + binance.port())));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (binance != null) {
            binance.stop();
        }
    }

    /** Binance: hex HMAC-SHA256 of the query (without the signature) and body; the key in X-MBX-APIKEY. */
    static boolean signed(Request request) {
        String url = request.getUrl();
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        var matcher = Pattern.compile("(^|&)signature=([0-9a-f]{64})").matcher(query);
        if (!matcher.find() || !API_KEY.equals(request.getHeader("X-MBX-APIKEY"))) {
            return false;
        }
        String unsigned = (query.substring(0, matcher.start()) + query.substring(matcher.end())).replaceFirst("^&", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((unsigned + request.getBodyAsString())
                    .getBytes(StandardCharsets.UTF_8))).equals(matcher.group(2));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(String exchange, String secret, List<String> markets, List<String> permissions,
                               String code) {
        return Http.json(Map.of("exchange", exchange, "apiKey", API_KEY, "apiSecret", secret, "permissions",
                permissions, "markets", markets, "testnet", false, "totpCode", code));
    }

    @Test
    void aGoodKeyIsCheckedOnEachOfItsMarketsAndABadOneIsReportedNotFailed() {
        try (LogCapture logs = LogCapture.start()) {
            checks();
            assertThat(logs.text()).doesNotContain(SECRET).doesNotContain(API_KEY).doesNotContain("not-the-right-secret");
        }
    }

    private void checks() {
        Accounts.User user = accounts.register("keytester", null);
        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(user);
        Http.Response saved = http.post("/api/exchange-keys", body("binance", SECRET, List.of("spot", "futures"),
                List.of("READ", "TRADE"), Accounts.code(twoFactor.secret(), 1)), "Authorization", user.bearer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("markets").toString()).isEqualTo("[\"spot\",\"futures\"]");
        String id = saved.json().get("id").asText();

        Http.Response checked = http.post("/api/exchange-keys/" + id + "/test", null, "Authorization", user.bearer());
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        JsonNode report = checked.json();
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("canRead").asBoolean()).isTrue();
        assertThat(report.get("canTrade").asBoolean()).isTrue();
        assertThat(report.get("checks")).hasSize(2);
        assertThat(report.get("checks").get(0).get("market").asText()).isEqualTo("spot");
        assertThat(report.get("checks").get(0).get("assets").asInt()).isEqualTo(2);
        assertThat(report.get("checks").get(1).get("reachable").asBoolean()).isTrue();
        assertThat(checked.body()).doesNotContain(SECRET).doesNotContain(API_KEY);
        binance.verify(getRequestedFor(urlPathEqualTo("/api/v3/account")));
        binance.verify(getRequestedFor(urlPathEqualTo("/fapi/v2/account")));

        // another user may not test (or learn anything about) the key
        Accounts.User other = accounts.register("keysnoop", null);
        assertThat(http.post("/api/exchange-keys/" + id + "/test", null, "Authorization", other.bearer()).status())
                .isEqualTo(403);

        // a key whose secret the exchange refuses: a 200 report saying so, per market
        Http.Response wrong = http.post("/api/exchange-keys", body("binance", "not-the-right-secret",
                List.of("spot"), List.of("READ"), twoFactor.recoveryCodes().get(0)), "Authorization", user.bearer());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(201);
        JsonNode refused = http.post("/api/exchange-keys/" + wrong.json().get("id").asText() + "/test", null,
                "Authorization", user.bearer()).json();
        assertThat(refused.get("valid").asBoolean()).isFalse();
        assertThat(refused.get("canTrade").asBoolean()).isFalse();
        assertThat(refused.get("checks").get(0).get("error").asText()).isEqualTo("BAD_CREDENTIALS");
        assertThat(refused.toString()).doesNotContain("not-the-right-secret");
    }

    @Test
    void keysOfExchangesNotTradedYetAndBadMarketsAre400() {
        Accounts.User user = accounts.register("krakenuser", null);
        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(user);
        Http.Response badMarkets = http.post("/api/exchange-keys", body("binance", SECRET, List.of("options"),
                List.of("READ"), Accounts.code(twoFactor.secret(), 1)), "Authorization", user.bearer());
        assertThat(badMarkets.status()).isEqualTo(400);
        assertThat(badMarkets.body()).contains("markets");

        Http.Response kraken = http.post("/api/exchange-keys", body("kraken", SECRET, List.of("spot"),
                List.of("READ"), Accounts.code(twoFactor.secret(), 1)), "Authorization", user.bearer());
        assertThat(kraken.status()).as(kraken.body()).isEqualTo(201);
        Http.Response check = http.post("/api/exchange-keys/" + kraken.json().get("id").asText() + "/test", null,
                "Authorization", user.bearer());
        assertThat(check.status()).isEqualTo(400);
        assertThat(check.errorCode()).isEqualTo("EXCHANGE_NOT_SUPPORTED");
    }
}
