package com.tradebot.functions.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.backtest.BacktestJob;
import com.tradebot.backtest.BacktestJobs;
import com.tradebot.backtest.BacktestRepository;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.testing.LocalDynamoDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST and task handlers on the sample events, against the DynamoDB engine. */
class BacktestHandlersTest {
    final String table = LocalDynamoDb.newMainTable();
    final MarketDataService marketData = new MarketDataService(new CandleRepository(LocalDynamoDb.client(), table));
    final List<String> started = new ArrayList<>();
    final List<BacktestJob> notified = new ArrayList<>();
    final BacktestJobs jobs = new BacktestJobs(new BacktestRepository(LocalDynamoDb.client(), table), marketData,
            (id, kind) -> started.add(id), notified::add, Clock.systemUTC(),
            new com.tradebot.strategy.StrategyRepository(LocalDynamoDb.client(), table));

    @Test
    void runEventIsAcceptedAndTheTasksFinishTheJob() throws Exception {
        marketData.importBundled();
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("../../events/api/backtest-run.json");
        APIGatewayProxyResponseEvent accepted = new BacktestApiHandler(jobs).handleRequest(event, null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(202);
        String id = Json.readTree(accepted.getBody()).get("id").asText();
        assertThat(started).containsExactly(id);

        BacktestTaskHandler tasks = new BacktestTaskHandler(jobs);
        tasks.handleRequest(Map.of("task", "validate", "jobId", id), null);
        tasks.handleRequest(Map.of("task", "load", "jobId", id), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = Json.MAPPER.readValue(Files.readString(Path.of("../../events/stepfunctions/backtest-task.json")), Map.class);
        Map<String, Object> run = new LinkedHashMap<>(sample);
        run.put("jobId", id);
        assertThat(tasks.handleRequest(run, null)).isEqualTo(Map.of("done", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> aggregate = (Map<String, Object>) tasks.handleRequest(Map.of("task", "aggregate", "jobId", id), null);
        tasks.handleRequest(Map.of("task", "save", "jobId", id, "summary", aggregate.get("summary")), null);
        tasks.handleRequest(Map.of("task", "notify", "jobId", id), null);
        assertThat(notified).hasSize(1);

        APIGatewayProxyRequestEvent get = EventLoader.loadApiGatewayRestEvent("../../events/api/backtest-run.json");
        get.setHttpMethod("GET");
        get.setResource("/api/backtest/{id}");
        get.setPathParameters(Map.of("id", id));
        get.setBody(null);
        JsonNode job = Json.readTree(new BacktestApiHandler(jobs).handleRequest(get, null).getBody());
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.at("/result/metrics/totalTrades").asInt()).isPositive();
    }

    @Test
    void datasetsNeedASignedInUserAndImportNeedsAnAdmin() {
        marketData.importBundled();
        MarketDataApiHandler handler = new MarketDataApiHandler(marketData);
        APIGatewayProxyRequestEvent list = EventLoader.loadApiGatewayRestEvent("../../events/api/backtest-run.json");
        list.setHttpMethod("GET");
        list.setResource("/api/market-data/datasets");
        list.setBody(null);
        JsonNode items = Json.readTree(handler.handleRequest(list, null).getBody()).get("items");
        assertThat(items).hasSize(2);
        APIGatewayProxyRequestEvent imp = EventLoader.loadApiGatewayRestEvent("../../events/api/backtest-run.json");
        imp.setResource("/api/market-data/import");
        imp.setBody("{\"source\":\"ta4j-examples\"}");
        assertThat(handler.handleRequest(imp, null).getStatusCode()).isEqualTo(403);
        imp.getRequestContext().setAuthorizer(Map.of("principalId", "admin-1", "userId", "admin-1", "role", "ADMIN",
                "expiresAt", "4102444800"));
        String csv = java.util.Base64.getEncoder().encodeToString(
                "1704067200000,42283.58,42298.62,42261.02,42298.61,35.9,1704067259999,0,0,0,0,0\n".getBytes());
        imp.setBody("{\"format\":\"BINANCE_CSV\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\",\"content\":\"" + csv + "\"}");
        APIGatewayProxyResponseEvent imported = handler.handleRequest(imp, null);
        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(200);
        assertThat(Json.readTree(imported.getBody()).get("symbol").asText()).isEqualTo("BTC/USDT");
        imp.setBody("{\"format\":\"BINANCE_CSV\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\",\"content\":\""
                + java.util.Base64.getEncoder().encodeToString("not,a,kline\n".getBytes()) + "\"}");
        APIGatewayProxyResponseEvent bad = handler.handleRequest(imp, null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getBody()).contains("INVALID_MARKET_DATA");
    }

    /** Issue 19 (dash3): the pages of GET /api/market-data/candles put together are exactly the bars a backtest loads. */
    @Test
    void candlePagesTogetherAreTheStoredBars() {
        marketData.importBundled();
        MarketDataApiHandler handler = new MarketDataApiHandler(marketData);
        for (String[] c : new String[][] {{"ETH/USD", "5m"}, {"BTC/USD", "1h"}}) {
            com.tradebot.marketdata.CandleSeries expected = marketData.load(null,
                    com.tradebot.marketdata.MarketSymbol.parse(c[0]), com.tradebot.marketdata.Timeframe.parse(c[1]),
                    Long.MIN_VALUE / 4, Long.MAX_VALUE / 4);
            List<Long> times = new ArrayList<>();
            List<Double> closes = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, String> query = new LinkedHashMap<>(Map.of("symbol", c[0], "timeframe", c[1], "limit", "100"));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                APIGatewayProxyResponseEvent response = handler.handleRequest(candles(query, true), null);
                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
                JsonNode page = Json.readTree(response.getBody());
                assertThat(page.get("items").size()).isLessThanOrEqualTo(100);
                page.get("items").forEach(bar -> {
                    times.add(java.time.Instant.parse(bar.get("time").asText()).toEpochMilli());
                    closes.add(bar.get("close").asDouble());
                });
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
                pages++;
            } while (cursor != null && pages < 100);
            assertThat(pages).as(c[0] + " " + c[1] + " pages").isGreaterThan(1).isLessThan(100);
            assertThat(times).as(c[0] + " " + c[1]).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(times.get(i)).isEqualTo(expected.time()[i]);
                assertThat(closes.get(i)).isEqualTo(expected.close()[i]);
            }
        }
        // a window: bars opening in [from, to) only
        APIGatewayProxyResponseEvent window = handler.handleRequest(candles(Map.of("symbol", "ETH/USD",
                "timeframe", "1h", "from", "2023-03-14T00:00:00Z", "to", "2023-03-14T06:00:00Z"), true), null);
        JsonNode items = Json.readTree(window.getBody()).get("items");
        assertThat(items).hasSize(6);
        assertThat(items.get(0).get("time").asText()).isEqualTo("2023-03-14T00:00:00Z");
        assertThat(Json.readTree(window.getBody()).path("nextCursor").isTextual()).isFalse();
    }

    @Test
    void candlesNeedASignInAndValidParameters() {
        marketData.importBundled();
        MarketDataApiHandler handler = new MarketDataApiHandler(marketData);
        assertThat(handler.handleRequest(candles(Map.of("symbol", "BTC/USD", "timeframe", "1h"), false), null)
                .getStatusCode()).isEqualTo(401);
        for (Map<String, String> bad : List.of(Map.of("timeframe", "1h"), Map.of("symbol", "BTC/USD", "timeframe", "7m"),
                Map.of("symbol", "BTC/USD", "timeframe", "1h", "limit", "5001"),
                Map.of("symbol", "BTC/USD", "timeframe", "1h", "limit", "ten"),
                Map.of("symbol", "BTC/USD", "timeframe", "1h", "from", "yesterday"),
                Map.of("symbol", "BTC/USD", "timeframe", "1h", "cursor", "!!"))) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(candles(bad, true), null);
            assertThat(response.getStatusCode()).as(bad + " " + response.getBody()).isEqualTo(400);
            assertThat(response.getBody()).contains("VALIDATION_FAILED");
        }
        APIGatewayProxyResponseEvent missing = handler.handleRequest(candles(Map.of("symbol", "DOGE/USD",
                "timeframe", "1h"), true), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("NO_DATA");
    }

    private static APIGatewayProxyRequestEvent candles(Map<String, String> query, boolean signedIn) {
        APIGatewayProxyRequestEvent get = EventLoader.loadApiGatewayRestEvent("../../events/api/backtest-run.json");
        get.setHttpMethod("GET");
        get.setResource("/api/market-data/candles");
        get.setPath("/api/market-data/candles");
        get.setBody(null);
        get.setQueryStringParameters(query);
        if (!signedIn) {
            get.getRequestContext().setAuthorizer(null);
        }
        return get;
    }
}
