package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 18 on the local platform: a provider's signal reaches an auto-trading subscriber's Binance account (a
 * WireMock Binance that checks signatures) as exactly one order, also when the execution message is delivered again;
 * the position shows over REST and arrives as {@code position_update} on the WebSocket. Real trading needs 2FA.
 */
class AutoTradeE2ETest {
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
        binance.stubFor(get(urlPathEqualTo("/api/v3/ticker/24hr")).atPriority(1)
                .withQueryParam("symbol", equalTo("BTCUSDT")).willReturn(okJson("""
                        {"symbol":"BTCUSDT","priceChange":"12.5","priceChangePercent":"0.02","weightedAvgPrice":"63990",
                         "prevClosePrice":"63987.5","lastPrice":"64000.00","lastQty":"0.1","bidPrice":"63999.99",
                         "bidQty":"1.0","askPrice":"64000.01","askQty":"1.0","openPrice":"63987.5","highPrice":"64100",
                         "lowPrice":"63800","volume":"8913.3","quoteVolume":"570000000","openTime":1499783499040,
                         "closeTime":1499869899040,"firstId":28385,"lastId":28460,"count":76}""")));
        binance.stubFor(get(urlPathEqualTo("/api/v3/account")).atPriority(1)
                .andMatching(r -> MatchResult.of(ExchangeKeyCheckE2ETest.signed(r))).willReturn(okJson("""
                        {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
                         "canTrade":true,"canWithdraw":false,"canDeposit":true,"updateTime":123456789,
                         "accountType":"SPOT","balances":[{"asset":"USDT","free":"1000.00000000","locked":"0.0"}],
                         "permissions":["SPOT"]}""")));
        binance.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(r -> MatchResult.of(ExchangeKeyCheckE2ETest.signed(r)))
                .inScenario("order").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        binance.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(r -> MatchResult.of(ExchangeKeyCheckE2ETest.signed(r)))
                .inScenario("order").willSetStateTo("placed")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":4711,"orderListId":-1,"clientOrderId":"x",
                         "transactTime":1507725176595}""")));
        binance.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(r -> MatchResult.of(ExchangeKeyCheckE2ETest.signed(r)))
                .inScenario("order").whenScenarioStateIs("placed")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":4711,"orderListId":-1,"clientOrderId":"x","price":"0.00000000",
                         "origQty":"0.01000000","executedQty":"0.01000000","cummulativeQuoteQty":"640.00000000",
                         "status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"BUY","stopPrice":"0.0",
                         "icebergQty":"0.0","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
                         "workingTime":1499827319559,"origQuoteOrderQty":"0.000000",
                         "selfTradePreventionMode":"NONE"}""")));
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

    private static int ordersPlaced() {
        return binance.findAll(postRequestedFor(urlPathEqualTo("/api/v3/order"))).size();
    }

    @Test
    void aSignalBecomesExactlyOneOrderOnTheFollowersExchangeEvenWhenRedelivered() throws Exception {
        Accounts.User provider = accounts.register("at-provider", "PROVIDER");
        Accounts.User follower = accounts.register("at-follower", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Auto", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        String subscriptionId = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", follower.bearer()).json().get("id").asText();
        String settingsPath = "/api/subscriptions/" + subscriptionId + "/execution";
        Map<String, Object> live = Map.of("autoTrade", true, "mode", "LIVE", "exchangeKeyId", "none-yet",
                "market", "spot", "riskPercent", 1, "marketFirstEntry", true);

        // real trading needs 2FA first
        Http.Response refused = http.send("PUT", settingsPath, Http.json(live), "Authorization", follower.bearer());
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("TWO_FACTOR_REQUIRED");

        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(follower);
        Http.Response key = http.post("/api/exchange-keys", Http.json(Map.of("exchange", "binance", "apiKey",
                ExchangeKeyCheckE2ETest.API_KEY, "apiSecret", ExchangeKeyCheckE2ETest.SECRET, "permissions",
                List.of("READ", "TRADE"), "markets", List.of("spot"), "testnet", false, "totpCode",
                Accounts.code(twoFactor.secret(), 1))), "Authorization", follower.bearer());
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        Map<String, Object> withKey = new java.util.HashMap<>(live);
        withKey.put("exchangeKeyId", key.json().get("id").asText());
        Http.Response saved = http.send("PUT", settingsPath, Http.json(withKey), "Authorization", follower.bearer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(http.get(settingsPath, "Authorization", follower.bearer()).json().get("mode").asText())
                .isEqualTo("LIVE");

        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + follower.accessToken()))) {
            assertThat(socket.send("{\"action\":\"subscribe_positions\"}").get("event").asText()).isEqualTo("subscribed");
            Http.Response signal = http.post("/api/signals", Http.json(Map.of("strategyId", strategyId, "pair",
                    "BTC/USDT", "side", "BUY", "timeframe", "1h", "entryPrice", 64000, "stopLoss", 63000,
                    "takeProfit", 66000)), "Authorization", provider.bearer());
            assertThat(signal.status()).as(signal.body()).isEqualTo(201);

            JsonNode update = socket.next(Duration.ofSeconds(30));
            assertThat(update.get("event").asText()).isEqualTo("position_update");
            assertThat(update.at("/data/position/status").asText()).isEqualTo("OPEN");
            assertThat(update.at("/data/position/quantity").decimalValue()).isEqualByComparingTo("0.01");
            assertThat(update.at("/data/position/entryPrice").decimalValue()).isEqualByComparingTo("64000");
        }
        assertThat(ordersPlaced()).isEqualTo(1);

        // SQS delivers the execution again (a new deduplication id, as after the 5-minute window): nothing more placed
        JsonNode execution = http.get("/api/trading/executions", "Authorization", follower.bearer()).json()
                .get("items").get(0);
        assertThat(execution.get("outcome").asText()).isEqualTo("ORDERED");
        String body = Http.json(Map.of("signalId", execution.get("signalId").asText(), "subscriptionId", subscriptionId,
                "userId", follower.id(), "strategyId", strategyId, "accountRef", key.json().get("id").asText()));
        try (SqsClient sqs = SqsClient.builder().endpointOverride(platform.sqsEndpoint()).region(Region.US_EAST_1)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            String queueUrl = platform.messaging().queueUrl("ExecutionsQueue");
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(follower.id())
                    .messageDeduplicationId("redelivery-1"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            });
        }
        assertThat(ordersPlaced()).isEqualTo(1);
        binance.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("type=MARKET")));

        JsonNode positions = http.get("/api/positions", "Authorization", follower.bearer()).json().get("items");
        assertThat(positions).hasSize(1);
        String positionId = positions.get(0).at("/position/id").asText();
        assertThat(http.get("/api/positions/" + positionId, "Authorization", follower.bearer()).json()
                .at("/position/entryFeeCents").asLong()).isEqualTo(64);
        assertThat(http.get("/api/positions/" + positionId, "Authorization", provider.bearer()).status()).isEqualTo(403);
    }

    @Test
    void aPaperFollowerNeedsNoTwoFactorAndClosesWithFees() throws Exception {
        Accounts.User provider = accounts.register("paper-provider", "PROVIDER");
        Accounts.User follower = accounts.register("paper-follower", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Paper", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        String subscriptionId = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", follower.bearer()).json().get("id").asText();
        Http.Response saved = http.send("PUT", "/api/subscriptions/" + subscriptionId + "/execution",
                Http.json(Map.of("autoTrade", true, "mode", "PAPER", "marketFirstEntry", true)), "Authorization",
                follower.bearer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        int before = ordersPlaced();
        http.post("/api/signals", Marketplace.buyBody(strategyId, "64000", "63000", "66000"), "Authorization",
                provider.bearer());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/positions", "Authorization",
                follower.bearer()).json().get("items").size() == 1);
        JsonNode position = http.get("/api/positions", "Authorization", follower.bearer()).json().at("/items/0/position");
        assertThat(position.get("mode").asText()).isEqualTo("PAPER");
        assertThat(position.get("quantity").decimalValue()).isEqualByComparingTo("0.1"); // 1 % of 10,000 over 1,000

        // the 1-minute price feed, fired now: price_update on prices#BTC/USDT, the position marked to it
        try (WebSocketTestClient watcher = WebSocketTestClient.connect(URI.create(platform.webSocketEndpoint().toString()))) {
            assertThat(watcher.send("{\"action\":\"subscribe_prices\",\"pairs\":[\"BTC/USDT\"]}").get("event")
                    .asText()).isEqualTo("subscribed");
            platform.messaging().fireSchedule("price-feed");
            JsonNode price = watcher.next(Duration.ofSeconds(30));
            assertThat(price.get("event").asText()).isEqualTo("price_update");
            assertThat(price.at("/data/price").decimalValue()).isEqualByComparingTo("64000");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/positions", "Authorization",
                follower.bearer()).json().at("/items/0/markPrice").isNumber());
        JsonNode marked = http.get("/api/positions", "Authorization", follower.bearer()).json().at("/items/0");
        assertThat(marked.get("unrealisedPnlCents").asLong()).isEqualTo(-1280); // flat price: both fees

        Http.Response closed = http.post("/api/positions/close/" + position.get("id").asText(), null,
                "Authorization", follower.bearer());
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().at("/position/status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().at("/position/realisedPnlCents").asLong()).isEqualTo(-1280); // two 6.40 fees
        assertThat(ordersPlaced()).isEqualTo(before);
    }

    @Test
    void theProvidersCloseClosesTheFollowersPosition() throws Exception {
        Accounts.User provider = accounts.register("close-provider", "PROVIDER");
        Accounts.User follower = accounts.register("close-follower", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Closing", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        String subscriptionId = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", follower.bearer()).json().get("id").asText();
        Http.Response saved = http.send("PUT", "/api/subscriptions/" + subscriptionId + "/execution",
                Http.json(Map.of("autoTrade", true, "mode", "PAPER", "marketFirstEntry", true)), "Authorization",
                follower.bearer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + follower.accessToken()))) {
            assertThat(socket.send("{\"action\":\"subscribe_positions\"}").get("event").asText()).isEqualTo("subscribed");
            Http.Response signal = http.post("/api/signals", Marketplace.buyBody(strategyId, "64000", "63000",
                    "66000"), "Authorization", provider.bearer());
            assertThat(signal.status()).as(signal.body()).isEqualTo(201);
            JsonNode opened = socket.next(Duration.ofSeconds(30));
            assertThat(opened.get("event").asText()).isEqualTo("position_update");
            assertThat(opened.at("/data/position/status").asText()).isEqualTo("OPEN");
            String positionId = opened.at("/data/position/id").asText();

            // the provider closes the signal: the follower's position follows, over the executions queue
            Http.Response close = http.send("PUT", "/api/signals/" + signal.json().get("id").asText(),
                    Http.json(Map.of("status", "CLOSED", "exitPrice", 64000)), "Authorization", provider.bearer());
            assertThat(close.status()).as(close.body()).isEqualTo(200);
            JsonNode closedPush = socket.next(Duration.ofSeconds(30));
            assertThat(closedPush.get("event").asText()).isEqualTo("position_update");
            assertThat(closedPush.at("/data/position/id").asText()).isEqualTo(positionId);
            assertThat(closedPush.at("/data/position/status").asText()).isEqualTo("CLOSED");

            JsonNode position = http.get("/api/positions/" + positionId, "Authorization", follower.bearer()).json()
                    .get("position");
            assertThat(position.get("status").asText()).isEqualTo("CLOSED");
            assertThat(position.get("closeReason").asText()).isEqualTo("SIGNAL_CLOSE");
            assertThat(position.get("exitPrice").decimalValue()).isEqualByComparingTo("64000"); // the ticker's last
            assertThat(position.get("realisedPnlCents").asLong()).isEqualTo(-1280); // flat price: both fees
        }
    }

    @Test
    void aReplayPaperSessionRunsStartToEndThroughTheApi() {
        Accounts.User trader = accounts.register("paper-session", null);
        Http.Response started = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                "symbol", "BTC/USD", "timeframe", "5m", "initialCapital", 10000, "feeBps", 10, "slippageBps", 5,
                "replay", Map.of("from", "2013-11-25", "to", "2013-12-01", "speed", 0))),
                "Authorization", trader.bearer());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode session = started.json();
        assertThat(session.get("mode").asText()).isEqualTo("REPLAY");
        assertThat(session.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(session.at("/result/trades").size()).isPositive();
        assertThat(session.at("/result/metrics/totalTrades").asInt()).isEqualTo(session.at("/result/trades").size());
        assertThat(session.at("/result/metrics").has("sharpeRatio")).isTrue();
        String id = session.get("id").asText();

        JsonNode listed = http.get("/api/trading/sessions", "Authorization", trader.bearer()).json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("result")).isFalse();
        assertThat(http.get("/api/trading/sessions/" + id, "Authorization", trader.bearer()).json()
                .at("/result/trades")).isEqualTo(session.at("/result/trades"));
        Http.Response stop = http.post("/api/trading/paper/stop/" + id, null, "Authorization", trader.bearer());
        assertThat(stop.status()).isEqualTo(409);
        assertThat(stop.errorCode()).isEqualTo("SESSION_ENDED");
        assertThat(http.get("/api/trading/sessions/" + id, "Authorization", accounts.register("peeker", null)
                .bearer()).status()).isEqualTo(403);
        // a live session reads the exchange's klines at start: this stub Binance refuses them (LivePaperSessionE2ETest)
        Http.Response live = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                "symbol", "BTC/USD", "timeframe", "5m")), "Authorization", trader.bearer());
        assertThat(live.status()).as(live.body()).isEqualTo(502);
        assertThat(live.errorCode()).isEqualTo("EXCHANGE_UNAVAILABLE");
    }
}
