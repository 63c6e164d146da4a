package com.tradebot.marketdata.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.GapDetector;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging and back-off against WireMock stubs shaped like the exchanges' documented answers: Binance
 * {@code GET /api/v3/klines} rows ([openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume",
 * trades, "takerBase", "takerQuote", "0"]), HTTP 429 + Retry-After with {@code {"code":-1003,...}}; Bybit
 * {@code GET /v5/market/kline} ({@code {"retCode":0,"retMsg":"OK","result":{"symbol","category","list":[[startTime,
 * open, high, low, close, volume, turnover], ...]}}}, newest first) and {@code retCode 10006 "Too many visits!"}.
 */
class KlineDownloaderTest {
    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00Z
    static final long MINUTE = 60_000L;

    WireMockServer wiremock;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
    }

    @AfterEach
    void stop() {
        wiremock.stop();
    }

    static String binanceRows(long from, int count) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            long t = from + i * MINUTE;
            double p = 42000 + i % 50;
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(java.util.Locale.ROOT,
                    "[%d,\"%.2f\",\"%.2f\",\"%.2f\",\"%.2f\",\"12.5\",%d,\"525000.0\",308,\"6.1\",\"256000.0\",\"0\"]",
                    t, p, p + 5, p - 5, p + 1, t + MINUTE - 1));
        }
        return sb.append(']').toString();
    }

    @Test
    void binancePagesThroughXChangeAndHonoursRetryAfter() throws Exception {
        for (int page = 0; page < 3; page++) {
            long from = START + page * 1000L * MINUTE;
            int count = page < 2 ? 1000 : 500;
            java.util.function.Supplier<com.github.tomakehurst.wiremock.client.MappingBuilder> request = () ->
                    get(urlPathEqualTo("/api/v3/klines")).withQueryParam("symbol", equalTo("BTCUSDT"))
                    .withQueryParam("interval", equalTo("1m")).withQueryParam("startTime", equalTo(Long.toString(from)));
            if (page == 1) {
                wiremock.stubFor(request.get().inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request weight per 1 MINUTE.\"}")));
                wiremock.stubFor(request.get().inScenario("limit").whenScenarioStateIs("ok").willReturn(aResponse()
                        .withHeader("Content-Type", "application/json").withBody(binanceRows(from, count))));
            } else {
                wiremock.stubFor(request.get().willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(binanceRows(from, count))));
            }
        }
        KlineDownloader downloader = new KlineDownloader(new BinanceKlines(wiremock.baseUrl()), sleeps::add, 3);
        CandleSeries bars = downloader.download(MarketSymbol.parse("BTC/USDT"), Timeframe.M1, START, START + 2500 * MINUTE);
        assertThat(bars.size()).isEqualTo(2500);
        assertThat(bars.firstTime()).isEqualTo(START);
        assertThat(bars.lastTime()).isEqualTo(START + 2499 * MINUTE);
        assertThat(GapDetector.gaps(bars)).isEmpty();
        assertThat(bars.close()[1]).isEqualTo(42002.0);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        wiremock.verify(4, getRequestedFor(urlPathEqualTo("/api/v3/klines")));
        wiremock.verify(getRequestedFor(urlPathEqualTo("/api/v3/klines"))
                .withQueryParam("limit", equalTo("1000")).withQueryParam("endTime", equalTo(Long.toString(START + 999 * MINUTE))));
    }

    @Test
    void bybitNewestFirstRowsAndTooManyVisitsBackOffExponentially() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 9; i >= 0; i--) { // newest first, as Bybit answers
            long t = START + i * 5 * MINUTE;
            list.append(i == 9 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "[\"%d\",\"%d\",\"%d\",\"%d\",\"%d\",\"1.5\",\"63000.5\"]", t, 42000 + i, 42010 + i, 41990 + i, 42005 + i));
        }
        java.util.function.Supplier<com.github.tomakehurst.wiremock.client.MappingBuilder> request = () ->
                get(urlPathEqualTo("/v5/market/kline")).withQueryParam("category", equalTo("spot"))
                .withQueryParam("symbol", equalTo("BTCUSDT")).withQueryParam("interval", equalTo("5"));
        String tooMany = "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},\"time\":1704067200000}";
        wiremock.stubFor(request.get().inScenario("b").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("again")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(tooMany)));
        wiremock.stubFor(request.get().inScenario("b").whenScenarioStateIs("again").willSetStateTo("ok")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(tooMany)));
        wiremock.stubFor(request.get().inScenario("b").whenScenarioStateIs("ok").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                        + "\"symbol\":\"BTCUSDT\",\"category\":\"spot\",\"list\":[" + list + "]},\"retExtInfo\":{},\"time\":1704070000000}")));

        KlineDownloader downloader = new KlineDownloader(new BybitKlines(wiremock.baseUrl()), sleeps::add, 3);
        CandleSeries bars = downloader.download(MarketSymbol.parse("BTCUSDT"), Timeframe.M5, START, START + 50 * MINUTE);
        assertThat(bars.size()).isEqualTo(10);
        assertThat(bars.open()[0]).isEqualTo(42000.0);
        assertThat(bars.close()[9]).isEqualTo(42014.0);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterTooManyRefusalsAndReportsOtherErrors() {
        wiremock.stubFor(get(urlPathEqualTo("/api/v3/klines")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":-1003,\"msg\":\"Too many requests\"}")));
        KlineDownloader downloader = new KlineDownloader(new BinanceKlines(wiremock.baseUrl()), sleeps::add, 2);
        assertThatThrownBy(() -> downloader.download(MarketSymbol.parse("BTC/USDT"), Timeframe.M1, START, START + MINUTE))
                .isInstanceOf(IOException.class).hasMessageContaining("kept refusing");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        wiremock.stubFor(get(urlPathEqualTo("/v5/market/kline")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{},\"retExtInfo\":{},\"time\":1}")));
        KlineDownloader bybit = new KlineDownloader(new BybitKlines(wiremock.baseUrl()), sleeps::add, 2);
        assertThatThrownBy(() -> bybit.download(MarketSymbol.parse("BTCUSDT"), Timeframe.M1, START, START + MINUTE))
                .isInstanceOf(IOException.class).hasMessageContaining("10001");
    }
}
