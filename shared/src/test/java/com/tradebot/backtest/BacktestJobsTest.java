package com.tradebot.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyDraft;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyRobustness;
import com.tradebot.strategy.StrategyService;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job steps in the order the state machine calls them, against the DynamoDB engine. */
class BacktestJobsTest {
    static final String TABLE = LocalDynamoDb.newMainTable();
    static final MarketDataService MARKET = new MarketDataService(new CandleRepository(LocalDynamoDb.client(), TABLE));

    static {
        MARKET.importBundled();
    }

    final List<String> started = new ArrayList<>();
    final List<BacktestJob> notified = new ArrayList<>();
    final BacktestRepository repository = new BacktestRepository(LocalDynamoDb.client(), TABLE);
    final StrategyService strategies = new StrategyService(new StrategyRepository(LocalDynamoDb.client(), TABLE),
            Clock.systemUTC(), "http://localhost");
    final BacktestJobs jobs = new BacktestJobs(repository, MARKET, (id, kind) -> started.add(id), notified::add,
            Clock.systemUTC(), strategies.repository());

    static JsonNode body(String json) {
        return Json.readTree(json);
    }

    JsonNode runThrough(BacktestJob job) {
        jobs.validate(job.id());
        List<Map<String, Object>> items = jobs.load(job.id());
        for (int i = 0; i < items.size(); i += 3) { // batches of 3, as an ItemBatcher would
            jobs.runItems(job.id(), items.subList(i, Math.min(items.size(), i + 3)));
        }
        Map<String, Object> aggregate = jobs.aggregate(job.id());
        jobs.save(job.id(), (String) aggregate.get("summary"));
        jobs.notifyOwner(job.id());
        return jobs.view("u1", job.id());
    }

    @Test
    void runOnTheBundledBitcoinData() {
        BacktestJob job = jobs.submit("u1", BacktestKind.RUN, body("""
                {"strategy":"RSI_MACD","symbol":"BTCUSD","timeframe":"5m","startDate":"2013-11-25","endDate":"2013-12-01",
                 "fees":{"maker":0.001,"taker":0.002},"stopLoss":0.03,"takeProfit":0.06}"""));
        assertThat(started).containsExactly(job.id());
        assertThat(jobs.view("u1", job.id()).get("status").asText()).isEqualTo("RUNNING");
        JsonNode view = runThrough(job);
        assertThat(view.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.get("progress").asDouble()).isEqualTo(1.0);
        JsonNode result = view.get("result");
        assertThat(result.get("exchange").asText()).isEqualTo("bitstamp");
        // endDate is inclusive: 7 days of 5m bars, less the minutes without trades on Bitstamp
        assertThat(result.get("bars").asInt()).isBetween(1800, 7 * 288);
        assertThat(result.get("metrics").get("totalTrades").asInt()).isPositive()
                .isEqualTo(result.get("trades").size());
        assertThat(result.get("trades").get(0).get("exitReason").asText()).isIn("SIGNAL", "STOP_LOSS", "TAKE_PROFIT");
        assertThat(result.get("equityCurve").size()).isEqualTo(result.get("bars").asInt());
        assertThat(view.get("summary").get("metrics").has("sharpeRatio")).isTrue();
        assertThat(notified).extracting(BacktestJob::status).containsExactly(BacktestStatus.SUCCEEDED);
        assertThat(jobs.history("u1", 10, null).get("items")).extracting(n -> n.get("id").asText()).contains(job.id());
        assertThatThrownBy(() -> jobs.view("someone-else", job.id())).isInstanceOf(ApiException.class)
                .hasMessageContaining("No backtest");
    }

    @Test
    void batchOverPairsAndTimeframes() {
        BacktestJob job = jobs.submit("u1", BacktestKind.BATCH, body("""
                {"strategy":"EMA_CROSS","symbols":["BTC/USD","ETHUSD"],"timeframes":["5m","15m"]}"""));
        JsonNode view = runThrough(job);
        assertThat(view.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.get("result").get("results")).hasSize(4);
        assertThat(view.get("summary").get("results")).extracting(r -> r.get("symbol").asText() + " " + r.get("timeframe").asText())
                .containsExactly("BTC/USD 5m", "BTC/USD 15m", "ETH/USD 5m", "ETH/USD 15m");
    }

    @Test
    void optimiseWithWalkForwardAndRobustness() {
        BacktestJob job = jobs.submit("u1", BacktestKind.OPTIMIZE, body("""
                {"strategy":"EMA_CROSS","symbol":"BTC/USD","timeframe":"5m",
                 "optimize":{"steps":5,"objective":"roi","walkForward":{"windows":3}}}"""));
        JsonNode view = runThrough(job);
        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = view.get("result");
        assertThat(result.get("parameterSets").asInt()).isEqualTo(25);
        assertThat(result.get("grid").get("fastPeriod")).extracting(JsonNode::asDouble).containsExactly(6.0, 8.0, 9.0, 10.0, 12.0);
        assertThat(result.get("top").get(0).get("objective").asDouble())
                .isGreaterThanOrEqualTo(result.get("top").get(1).get("objective").asDouble());
        // the whole grid's objectives, row-major with the last parameter fastest, agree with the ranked top sets
        JsonNode gridScores = result.get("gridScores");
        assertThat(gridScores).hasSize(25);
        List<String> names = new java.util.ArrayList<>();
        result.get("grid").fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(2);
        for (JsonNode top : result.get("top")) {
            int i = indexOf(result.get("grid").get(names.get(0)), top.get("parameters").get(names.get(0)).asDouble());
            int j = indexOf(result.get("grid").get(names.get(1)), top.get("parameters").get(names.get(1)).asDouble());
            assertThat(gridScores.get(i * 5 + j).asDouble()).isEqualTo(top.get("objective").asDouble());
        }
        double maxOfGrid = java.util.stream.StreamSupport.stream(gridScores.spliterator(), false)
                .filter(n -> !n.isNull()).mapToDouble(JsonNode::asDouble).max().orElseThrow();
        assertThat(maxOfGrid).isEqualTo(result.get("top").get(0).get("objective").asDouble());
        assertThat(result.get("walkForward")).hasSize(3).allSatisfy(f -> {
            assertThat(f.get("inSample").get("to").asText()).isLessThan(f.get("outOfSample").get("from").asText());
            assertThat(f.get("outOfSample").has("metrics")).isTrue();
        });
        double score = result.get("robustness").get("score").asDouble();
        assertThat(score).isBetween(0.0, 100.0);
        assertThat(result.get("best").get("metrics").get("roi").asDouble())
                .isEqualTo(result.get("top").get(0).get("objective").asDouble());
    }

    @Test
    void anOptimisationOfMyMarketplaceStrategyShowsItsRobustnessInTheListingAndDetail() {
        Strategy mine = strategies.create("provider-1", new StrategyDraft("Robust EMA " + java.util.UUID.randomUUID(),
                "EMA cross", "EMA_CROSS", "trend", Map.of(), List.of("BTC/USD"), List.of("5m"),
                java.math.BigDecimal.ZERO, null, true, true, null, Map.of("strategy", "EMA_CROSS")));
        assertThat(mine.robustness()).isNull();
        String request = """
                {"symbol":"BTC/USD","timeframe":"5m","strategyId":"%s",
                 "optimize":{"steps":3,"objective":"roi","walkForward":{"windows":2}}}""".formatted(mine.id());
        assertThatThrownBy(() -> jobs.submit("provider-1", BacktestKind.OPTIMIZE,
                body(request.replace(mine.id(), "no-such-strategy"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        // someone else may optimise a public strategy, but only the owner's result becomes its score
        BacktestJob theirs = jobs.submit("someone-else", BacktestKind.OPTIMIZE, body(request));
        jobs.validate(theirs.id());
        jobs.runItems(theirs.id(), jobs.load(theirs.id()));
        jobs.save(theirs.id(), (String) jobs.aggregate(theirs.id()).get("summary"));
        assertThat(jobs.view("someone-else", theirs.id()).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(strategies.get(mine.id(), null).robustness()).isNull();

        BacktestJob job = jobs.submit("provider-1", BacktestKind.OPTIMIZE, body(request));
        jobs.validate(job.id());
        jobs.runItems(job.id(), jobs.load(job.id()));
        jobs.save(job.id(), (String) jobs.aggregate(job.id()).get("summary"));
        JsonNode view = jobs.view("provider-1", job.id());
        double score = view.get("result").get("robustness").get("score").asDouble();

        StrategyRobustness stored = strategies.get(mine.id(), null).robustness();
        assertThat(stored.score()).isEqualTo(score);
        assertThat(stored.backtestId()).isEqualTo(job.id());
        assertThat(stored.objective()).isEqualTo("roi");
        assertThat(stored.walkForwardEfficiency()).isNotNull();
        Strategy listed = strategies.list(Map.of("sort", "newest", "limit", "100")).items().stream()
                .filter(s -> s.id().equals(mine.id())).findFirst().orElseThrow();
        assertThat(listed.robustness()).isEqualTo(stored);
        assertThat(Json.readTree(Json.write(listed)).get("robustness").get("score").asDouble()).isEqualTo(score);
    }

    @Test
    void aStrategyIdRunsTheStrategysStoredDefinitionLikeTheSameRequestGivenInline() {
        Strategy rsi = strategies.create("provider-2", new StrategyDraft("RSI both " + java.util.UUID.randomUUID(),
                null, null, null, Map.of(), List.of("BTC/USD"), List.of("1h"), java.math.BigDecimal.ZERO, null, true,
                true, null, Map.of("strategy", "RSI_MACD", "parameters", Map.of("rsiPeriod", 10), "direction", "BOTH")));
        JsonNode viaId = runThrough(jobs.submit("u1", BacktestKind.RUN, body("""
                {"strategyId":"%s","symbol":"BTC/USD","timeframe":"15m","stopLoss":0.03}""".formatted(rsi.id()))));
        JsonNode inline = runThrough(jobs.submit("u1", BacktestKind.RUN, body("""
                {"strategy":"RSI_MACD","parameters":{"rsiPeriod":10},"direction":"BOTH","symbol":"BTC/USD",
                 "timeframe":"15m","stopLoss":0.03}""")));
        assertThat(viaId.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(viaId.get("request").get("strategyId").asText()).isEqualTo(rsi.id());
        assertThat(viaId.at("/result/metrics")).isEqualTo(inline.at("/result/metrics"));
        assertThat(viaId.at("/result/trades")).isEqualTo(inline.at("/result/trades"));
        assertThat(viaId.at("/result/metrics/totalTrades").asInt()).isPositive();
        // the caller's parameters go on top of the stored ones, key by key
        JsonNode tuned = runThrough(jobs.submit("u1", BacktestKind.RUN, body("""
                {"strategyId":"%s","symbol":"BTC/USD","timeframe":"15m","parameters":{"oversold":25}}"""
                .formatted(rsi.id()))));
        assertThat(tuned.at("/request/parameters/rsiPeriod").asInt()).isEqualTo(10);
        assertThat(tuned.at("/request/parameters/oversold").asInt()).isEqualTo(25);

        Strategy none = strategies.create("provider-2", new StrategyDraft("No definition", null, null, null, Map.of(),
                List.of("BTC/USD"), List.of("1h"), java.math.BigDecimal.ZERO, null, true, true, null));
        ApiException refused = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> jobs.submit("u1",
                BacktestKind.BATCH, body("""
                {"strategyId":"%s","symbols":["BTC/USD"],"timeframes":["1h"]}""".formatted(none.id()))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("NO_BACKTEST_DEFINITION");
        ApiException both = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> jobs.submit("u1",
                BacktestKind.RUN, body("""
                {"strategyId":"%s","strategy":"EMA_CROSS","symbol":"BTC/USD","timeframe":"1h"}""".formatted(rsi.id()))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.details()).extracting(ApiException.FieldError::field).containsExactly("strategyId");

        Strategy hidden = strategies.create("provider-2", new StrategyDraft("Private", null, null, null, Map.of(),
                List.of("BTC/USD"), List.of("1h"), java.math.BigDecimal.ZERO, null, true, false, null,
                Map.of("strategy", "EMA_CROSS")));
        String hiddenRequest = """
                {"strategyId":"%s","symbol":"BTC/USD","timeframe":"1h"}""".formatted(hidden.id());
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(hiddenRequest)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(jobs.submit("provider-2", BacktestKind.RUN, body(hiddenRequest)).status())
                .isEqualTo(BacktestStatus.RUNNING);
    }

    @Test
    void badInputIs400WithAClearMessage() {
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body("{\"strategy\":\"NOPE\",\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}")))
                .hasMessageContaining("unknown strategy 'NOPE'");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(
                "{\"strategy\":\"RSI_MACD\",\"parameters\":{\"rsiPeriod\":0},\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}")))
                .hasMessageContaining("rsiPeriod").hasMessageContaining("between 2 and 200");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(
                "{\"strategy\":\"RSI_MACD\",\"parameters\":{\"foo\":1},\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}")))
                .hasMessageContaining("unknown parameter 'foo'");
        ApiException rules = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> jobs.submit("u1",
                BacktestKind.RUN, body("{\"rules\":{\"entryLong\":{\"gt\":[\"rsi\",30]}},\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\"}")));
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.details()).extracting(ApiException.FieldError::field).containsExactly("rules/entryLong/gt/0");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(
                "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\",\"startDate\":\"2013-12-01\",\"endDate\":\"2013-11-26\"}")))
                .hasMessageContaining("endDate must be after startDate");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(
                "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\",\"startDate\":\"2020-01-01\",\"endDate\":\"2020-02-01\"}")))
                .hasMessageContaining("No data for BTC/USD 1h between");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.RUN, body(
                "{\"strategy\":\"RSI_MACD\",\"symbol\":\"DOGE/USDT\",\"timeframe\":\"1h\"}")))
                .hasMessageContaining("No market data for DOGE/USDT");
        assertThatThrownBy(() -> jobs.submit("u1", BacktestKind.OPTIMIZE, body(
                "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"1h\",\"optimize\":{\"steps\":7}}")))
                .hasMessageContaining("117649 parameter sets requested; at most 10000");
        assertThat(started).isEmpty();
    }

    @Test
    void aFailedJobShowsFailedWithTheReason() {
        BacktestJob job = jobs.submit("u1", BacktestKind.OPTIMIZE, body("""
                {"strategy":"EMA_CROSS","symbol":"ETH/USD","timeframe":"1h","optimize":{"steps":3,"walkForward":{"windows":10}}}"""));
        assertThatThrownBy(() -> jobs.load(job.id())).isInstanceOf(JobInputException.class)
                .hasMessageContaining("Too few bars");
        jobs.fail(job.id(), "com.tradebot.backtest.JobInputException",
                "{\"errorMessage\":\"Too few bars (49) for 10 walk-forward windows\",\"errorType\":\"x\"}");
        ObjectNode view = jobs.view("u1", job.id());
        assertThat(view.get("status").asText()).isEqualTo("FAILED");
        assertThat(view.get("error").asText()).startsWith("Too few bars");
        assertThat(notified).extracting(BacktestJob::status).containsExactly(BacktestStatus.FAILED);
        // a late success cannot overwrite the failure
        jobs.save(job.id(), "{}");
        assertThat(jobs.view("u1", job.id()).get("status").asText()).isEqualTo("FAILED");
    }

    private static int indexOf(JsonNode values, double value) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).asDouble() == value) {
                return i;
            }
        }
        throw new AssertionError(value + " not in " + values);
    }
}
