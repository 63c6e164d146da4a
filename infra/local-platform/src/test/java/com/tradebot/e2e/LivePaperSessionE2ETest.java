package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A live paper session on the local platform (issue 18 §3): started through the API with its indicators seeded from
 * Binance's public klines (a WireMock Binance serving the documented kline arrays, real Binance US ETH/USD prices
 * re-timed to the present, {@link BinanceKlinesStub}), evaluated when the {@code paper-sessions} schedule fires after its first
 * candle closed, {@code position_update} over the WebSocket, then stopped. The session runs on real time, so the test
 * waits for one minute to close (at most a minute).
 */
class LivePaperSessionE2ETest {
    private static final long MINUTE = 60_000;
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
                .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
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

    private static void serveKlines(Instant now) {
        BinanceKlinesStub.serveMinutes(binance, "ETHUSDT", now);
    }

    @Test
    void aLiveSessionIsEvaluatedOnTheNextClosedCandleAndPushesItsPosition() throws Exception {
        Accounts.User trader = accounts.register("live-paper", null);
        String id;
        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + trader.accessToken()))) {
            assertThat(socket.send("{\"action\":\"subscribe_positions\"}").get("event").asText()).isEqualTo("subscribed");
            serveKlines(Instant.now());
            Http.Response started = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                    "symbol", "ETH/USDT", "exchange", "binance", "timeframe", "1m", "initialCapital", 10000,
                    "feeBps", 10, "slippageBps", 5)), "Authorization", trader.bearer());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            JsonNode session = started.json();
            assertThat(session.get("mode").asText()).isEqualTo("LIVE");
            assertThat(session.get("status").asText()).isEqualTo("RUNNING");
            id = session.get("id").asText();
            Instant startedAt = Instant.parse(session.at("/live/startedAt").asText());
            long openAtStart = Math.floorDiv(startedAt.toEpochMilli(), MINUTE) * MINUTE;

            // wait for the candle open at the start to close, then fire the 1-minute schedule now
            long wait = openAtStart + MINUTE + 1_000 - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            serveKlines(Instant.now());
            assertThat(http.post("/_local/schedules/paper-sessions", null).status()).isEqualTo(202);
            JsonNode update = socket.next(Duration.ofSeconds(30));
            assertThat(update.get("event").asText()).as(update.toString()).isEqualTo("position_update");
            assertThat(update.at("/data/paperSessionId").asText()).isEqualTo(id);
            assertThat(update.at("/data/mode").asText()).isEqualTo("PAPER");
            assertThat(update.at("/data/session/live/lastCandle").asText())
                    .isEqualTo(Instant.ofEpochMilli(openAtStart).toString());
            assertThat(update.has("ts")).isTrue();
        }
        JsonNode evaluated = http.get("/api/trading/sessions/" + id, "Authorization", trader.bearer()).json();
        assertThat(evaluated.at("/result/bars").asInt()).isPositive();
        assertThat(evaluated.at("/result/metrics").has("sharpeRatio")).isTrue();
        assertThat(evaluated.at("/live/equity").asDouble()).isPositive();
        assertThat(http.get("/api/trading/sessions/" + id, "Authorization",
                accounts.register("live-peeker", null).bearer()).status()).isEqualTo(403);

        Http.Response stopped = http.post("/api/trading/paper/stop/" + id, null, "Authorization",
                trader.bearer());
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.json().get("endedAt").isTextual()).isTrue();
        Http.Response again = http.post("/api/trading/paper/stop/" + id, null, "Authorization",
                trader.bearer());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("SESSION_ENDED");

        Http.Response unknown = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                "symbol", "NOPE/USDT", "exchange", "binance", "timeframe", "1m")), "Authorization", trader.bearer());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("INVALID_SYMBOL");
    }
}
