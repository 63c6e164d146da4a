package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backtests over HTTP and WebSocket on the local platform: the bundled real data is there at start, and run, batch
 * and optimise go through their state machines to SUCCEEDED (or FAILED with the reason).
 */
class BacktestE2ETest {
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path())
                .withParameters(Map.of("ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static JsonNode awaitFinished(Accounts.User user, String id) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Http.Response r = http.get("/api/backtest/" + id, "Authorization", user.bearer());
            last[0] = r.json();
            return r.status() == 200 && !last[0].get("status").asText().equals("RUNNING");
        });
        return last[0];
    }

    /** Issue 20's newcomer: paste a textbook Pine strategy, get a rule document, backtest it like the catalogue. */
    @Test
    void aPineSupertrendScriptImportsAndBacktestsLikeTheCatalogueEntry() throws Exception {
        Accounts.User user = accounts.register("pine", null);
        String pine = String.join("\n", "//@version=5",
                "strategy(\"Supertrend Strategy\", overlay=true)",
                "atrPeriod = input(10, \"ATR Length\")",
                "factor = input.float(3.0, \"Factor\", step = 0.01)",
                "[_, direction] = ta.supertrend(factor, atrPeriod)",
                "if ta.change(direction) < 0",
                "    strategy.entry(\"My Long Entry Id\", strategy.long)",
                "if ta.change(direction) > 0",
                "    strategy.entry(\"My Short Entry Id\", strategy.short)", "");
        Http.Response imported = http.post("/api/strategies/import/pine",
                com.tradebot.common.Json.MAPPER.writeValueAsString(Map.of("script", pine)), "Authorization", user.bearer());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().at("/backtest/direction").asText()).isEqualTo("BOTH");

        Http.Response fromPine = http.post("/api/backtest/run", "{\"rules\":" + imported.json().get("rules")
                + ",\"direction\":\"BOTH\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", user.bearer());
        Http.Response fromCatalogue = http.post("/api/backtest/run", "{\"strategy\":\"SUPERTREND\",\"direction\":\"BOTH\","
                + "\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", user.bearer());
        assertThat(fromPine.status()).as(fromPine.body()).isEqualTo(202);
        assertThat(fromCatalogue.status()).as(fromCatalogue.body()).isEqualTo(202);
        JsonNode a = awaitFinished(user, fromPine.json().get("id").asText());
        JsonNode b = awaitFinished(user, fromCatalogue.json().get("id").asText());
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("SUCCEEDED");
        assertThat(a.at("/result/metrics/totalTrades").asInt()).isPositive();
        assertThat(a.at("/result/trades")).isEqualTo(b.at("/result/trades"));

        Http.Response refused = http.post("/api/strategies/import/pine",
                "{\"script\":\"//@version=5\\nstrategy(\\\"x\\\")\\nfor i = 0 to 3\\n    x = i\\n\"}",
                "Authorization", user.bearer());
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/code").asText()).isEqualTo("SYNTAX_ERROR");
        assertThat(refused.json().at("/error/details/0/line").asInt()).isEqualTo(3);
    }

    /** Issue 20's "done when": a pasted Pine strategy, then "how do I reduce its drawdown?" answered with tested changes. */
    @Test
    void theConsultantAnswersAboutAnImportedPineStrategyAndAMarketplaceStrategyWithTestedChanges() throws Exception {
        Accounts.User user = accounts.register("asker", null);
        String pine = String.join("\n", "//@version=5", "strategy(\"EMA Cross\")",
                "fast = ta.ema(close, 9)", "slow = ta.ema(close, 21)",
                "if ta.crossover(fast, slow)", "    strategy.entry(\"L\", strategy.long)",
                "if ta.crossunder(fast, slow)", "    strategy.close(\"L\")", "");
        Http.Response imported = http.post("/api/strategies/import/pine",
                com.tradebot.common.Json.MAPPER.writeValueAsString(Map.of("script", pine)), "Authorization", user.bearer());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        Http.Response answer = http.post("/api/advisor/ask", "{\"rules\":" + imported.json().get("rules")
                + ",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\",\"question\":\"How can I reduce its drawdown?\"}",
                "Authorization", user.bearer());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode advice = answer.json();
        assertThat(advice.get("focus").asText()).isEqualTo("DRAWDOWN");
        assertThat(advice.get("candidatesTested").asInt()).isPositive();
        for (JsonNode s : advice.get("suggestions")) {
            assertThat(s.at("/inSample/maxDrawdown").asDouble())
                    .isLessThan(advice.at("/original/inSample/maxDrawdown").asDouble());
            assertThat(s.get("originalOutOfSample")).isEqualTo(advice.at("/original/outOfSample"));
            assertThat(s.has("outOfSample")).isTrue();
        }

        Accounts.User provider = accounts.register("advised", "PROVIDER");
        Http.Response created = http.post("/api/strategies", com.tradebot.common.Json.MAPPER.writeValueAsString(Map.of(
                "name", "RSI MACD both ways", "monthlyPrice", 0, "supportedPairs", java.util.List.of("BTC/USD"),
                "backtest", Map.of("strategy", "RSI_MACD", "direction", "BOTH"))),
                "Authorization", provider.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response viaMarketplace = http.post("/api/advisor/ask", "{\"strategyId\":\""
                + created.json().get("id").asText() + "\",\"question\":\"better win rate?\"}", "Authorization", user.bearer());
        assertThat(viaMarketplace.status()).as(viaMarketplace.body()).isEqualTo(200);
        assertThat(viaMarketplace.json().get("focus").asText()).isEqualTo("WIN_RATE");
        assertThat(viaMarketplace.json().at("/source/strategy").asText()).isEqualTo("RSI_MACD");
        assertThat(viaMarketplace.json().at("/source/direction").asText()).isEqualTo("BOTH");

        Http.Response plain = http.post("/api/strategies", Marketplace.strategyBody("No definition", "0"),
                "Authorization", provider.bearer());
        Http.Response refused = http.post("/api/advisor/ask", "{\"strategyId\":\"" + plain.json().get("id").asText()
                + "\",\"question\":\"reduce drawdown\"}", "Authorization", user.bearer());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("NO_BACKTEST_DEFINITION");
    }

    /** Issue 16: a marketplace strategy points to its backtest definition; run, optimise and paper replay use it by id. */
    @Test
    void aMarketplaceStrategyIsBacktestedOptimisedAndReplayedThroughItsStoredDefinition() throws Exception {
        Accounts.User provider = accounts.register("definer", "PROVIDER");
        Accounts.User user = accounts.register("by-id", null);
        Http.Response bad = http.post("/api/strategies", com.tradebot.common.Json.MAPPER.writeValueAsString(Map.of(
                "name", "Broken", "monthlyPrice", 0, "backtest", Map.of("rules",
                        Map.of("entryLong", Map.of("gt", java.util.List.of("rsi", 30)))))), "Authorization", provider.bearer());
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().at("/error/details/0/field").asText()).isEqualTo("backtest.rules/entryLong/gt/0");

        Http.Response created = http.post("/api/strategies", Marketplace.strategyBody("EMA by id", "0"),
                "Authorization", provider.bearer());
        String id = created.json().get("id").asText();
        Http.Response none = http.post("/api/backtest/run", "{\"strategyId\":\"" + id
                + "\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", user.bearer());
        assertThat(none.status()).as(none.body()).isEqualTo(400);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("NO_BACKTEST_DEFINITION");

        Http.Response defined = http.send("PUT", "/api/strategies/" + id, "{\"backtest\":{\"strategy\":\"EMA_CROSS\","
                + "\"parameters\":{\"fastPeriod\":8,\"slowPeriod\":26},\"direction\":\"BOTH\"}}",
                "Authorization", provider.bearer());
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        assertThat(http.get("/api/strategies/" + id).json().at("/backtest/strategy").asText()).isEqualTo("EMA_CROSS");

        Http.Response viaId = http.post("/api/backtest/run", "{\"strategyId\":\"" + id
                + "\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", user.bearer());
        Http.Response inline = http.post("/api/backtest/run", "{\"strategy\":\"EMA_CROSS\",\"parameters\":"
                + "{\"fastPeriod\":8,\"slowPeriod\":26},\"direction\":\"BOTH\",\"symbol\":\"BTC/USD\","
                + "\"timeframe\":\"15m\"}", "Authorization", user.bearer());
        assertThat(viaId.status()).as(viaId.body()).isEqualTo(202);
        JsonNode a = awaitFinished(user, viaId.json().get("id").asText());
        JsonNode b = awaitFinished(user, inline.json().get("id").asText());
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("SUCCEEDED");
        assertThat(a.at("/result/metrics/totalTrades").asInt()).isPositive();
        assertThat(a.at("/result/trades")).isEqualTo(b.at("/result/trades"));

        Http.Response optimize = http.post("/api/backtest/optimize", "{\"strategyId\":\"" + id
                + "\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\",\"optimize\":{\"steps\":3,"
                + "\"walkForward\":{\"windows\":2}}}", "Authorization", provider.bearer());
        assertThat(optimize.status()).as(optimize.body()).isEqualTo(202);
        JsonNode optimized = awaitFinished(provider, optimize.json().get("id").asText());
        assertThat(optimized.get("status").asText()).as(optimized.toString()).isEqualTo("SUCCEEDED");
        assertThat(http.get("/api/strategies/" + id).json().at("/robustness/backtestId").asText())
                .isEqualTo(optimize.json().get("id").asText());

        Http.Response paper = http.post("/api/trading/paper/start", "{\"strategyId\":\"" + id
                + "\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\",\"replay\":{\"from\":\"2013-11-25\","
                + "\"to\":\"2013-12-02\",\"speed\":0}}", "Authorization", user.bearer());
        assertThat(paper.status()).as(paper.body()).isEqualTo(201);
        assertThat(paper.json().get("strategy").asText()).isEqualTo("EMA_CROSS");

        Http.Response both = http.post("/api/backtest/run", "{\"strategyId\":\"" + id
                + "\",\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}",
                "Authorization", user.bearer());
        assertThat(both.status()).as(both.body()).isEqualTo(400);
    }

    @Test
    void aNewcomerBacktestsRsiMacdOnTheBundledBitcoinDataWithOneCurl() throws Exception {
        Accounts.User user = accounts.register("newcomer", null);
        JsonNode datasets = http.get("/api/market-data/datasets", "Authorization", user.bearer()).json();
        assertThat(datasets.get("items")).extracting(d -> d.get("exchange").asText() + " " + d.get("symbol").asText()
                + " " + d.get("timeframe").asText()).contains("bitstamp BTC/USD 1m", "binanceus ETH/USD 5m");

        try (WebSocketTestClient ws = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + user.accessToken()))) {
            Http.Response accepted = http.post("/api/backtest/run",
                    "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", user.bearer());
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().get("id").asText();
            assertThat(accepted.json().get("status").asText()).isEqualTo("RUNNING");

            JsonNode event = ws.next(Duration.ofSeconds(120));
            assertThat(event.get("event").asText()).isEqualTo("backtest_completed");
            assertThat(event.at("/data/id").asText()).isEqualTo(id);
            assertThat(event.at("/data/status").asText()).isEqualTo("SUCCEEDED");

            JsonNode job = awaitFinished(user, id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
            JsonNode result = job.get("result");
            assertThat(result.get("exchange").asText()).isEqualTo("bitstamp");
            assertThat(result.get("from").asText()).isEqualTo("2013-11-25T00:00:00Z");
            JsonNode metrics = result.get("metrics");
            for (String field : new String[] {"winRate", "roi", "cagr", "sharpeRatio", "sortinoRatio", "maxDrawdown",
                    "maxDrawdownDurationMs", "expectancy", "averageWin", "averageLoss", "exposure", "totalTrades",
                    "buyAndHoldReturn"}) {
                assertThat(metrics.has(field)).as(field).isTrue();
            }
            assertThat(metrics.get("totalTrades").asInt()).isPositive().isEqualTo(result.get("trades").size());
            assertThat(result.get("equityCurve").get(0).has("t")).isTrue();

            Accounts.User other = accounts.register("nosy", null);
            assertThat(http.get("/api/backtest/" + id, "Authorization", other.bearer()).status()).isEqualTo(404);
            assertThat(http.get("/api/backtest/history", "Authorization", user.bearer()).json().get("items"))
                    .extracting(j -> j.get("id").asText()).containsExactly(id);
        }
    }

    @Test
    void batchAndWalkForwardOptimisationRunThroughTheStateMachines() {
        Accounts.User user = accounts.register("quant", null);
        Http.Response batch = http.post("/api/backtest/batch", "{\"strategy\":\"DONCHIAN_BREAKOUT\",\"symbols\":[\"BTCUSD\",\"ETH/USD\"],"
                + "\"timeframes\":[\"5m\",\"1h\"],\"direction\":\"BOTH\",\"stopLoss\":0.02}", "Authorization", user.bearer());
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        Http.Response optimize = http.post("/api/backtest/optimize", "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\","
                + "\"timeframe\":\"5m\",\"optimize\":{\"parameters\":[\"rsiPeriod\",\"macdFast\",\"macdSlow\"],\"steps\":5,"
                + "\"walkForward\":{\"windows\":3}}}", "Authorization", user.bearer());
        assertThat(optimize.status()).as(optimize.body()).isEqualTo(202);

        JsonNode batchJob = awaitFinished(user, batch.json().get("id").asText());
        assertThat(batchJob.get("status").asText()).as(batchJob.toString()).isEqualTo("SUCCEEDED");
        assertThat(batchJob.at("/result/results")).hasSize(4);

        JsonNode optimizeJob = awaitFinished(user, optimize.json().get("id").asText());
        assertThat(optimizeJob.get("status").asText()).as(optimizeJob.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = optimizeJob.get("result");
        assertThat(result.get("parameterSets").asInt()).isEqualTo(125);
        assertThat(result.get("walkForward")).hasSize(3);
        assertThat(result.at("/robustness/score").asDouble()).isBetween(0.0, 100.0);
        assertThat(optimizeJob.at("/summary/robustness/score").asDouble()).isEqualTo(result.at("/robustness/score").asDouble());
    }

    @Test
    void badInputIs400AndAFailedJobShowsFailedWithTheReason() {
        Accounts.User user = accounts.register("typo", null);
        Http.Response unknown = http.post("/api/backtest/run", "{\"strategy\":\"RSI_MACDD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}",
                "Authorization", user.bearer());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.body()).contains("unknown strategy 'RSI_MACDD'");
        Http.Response rules = http.post("/api/backtest/run", "{\"rules\":{\"indicators\":{\"r\":{\"type\":\"RSI\",\"period\":14}},"
                + "\"entryLong\":{\"and\":[{\"lt\":[\"r\",30]},{\"crossUp\":[\"r\",\"signal\"]}]}},\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}",
                "Authorization", user.bearer());
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.json().at("/error/details/0/field").asText()).isEqualTo("rules/entryLong/and/1/crossUp/1");
        Http.Response noData = http.post("/api/backtest/run", "{\"strategy\":\"EMA_CROSS\",\"symbol\":\"BTC/USDT\",\"timeframe\":\"1h\"}",
                "Authorization", user.bearer());
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.errorCode()).isEqualTo("NO_DATA");

        Http.Response doomed = http.post("/api/backtest/optimize", "{\"strategy\":\"EMA_CROSS\",\"symbol\":\"ETH/USD\",\"timeframe\":\"1h\","
                + "\"optimize\":{\"steps\":3,\"walkForward\":{\"windows\":10}}}", "Authorization", user.bearer());
        assertThat(doomed.status()).isEqualTo(202);
        JsonNode failed = awaitFinished(user, doomed.json().get("id").asText());
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).startsWith("Too few bars");
    }
}
