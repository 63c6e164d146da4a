package com.tradebot.trading.paper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.auth.MutableClock;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestResult;
import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import com.tradebot.testing.LocalDynamoDb;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeEndpoints;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.exchange.StubExchange;
import com.tradebot.trading.exchange.binance.BinanceConnector;
import com.tradebot.trading.position.PositionEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live paper sessions against a WireMock Binance serving {@code GET /api/v3/klines} in Binance's documented array
 * shape, with real candles (the bundled Binance US ETH/USD 5-minute bars) released as the clock moves: the newest
 * kline of each answer is the one still open, as on Binance.
 */
class LivePaperSessionsTest {
    private static final CandleSeries ETH = Ta4jExampleData.binanceUsEthUsd();
    private static final long STEP = 300_000;
    private static final String START = """
            {"strategy":"RSI_MACD","symbol":"ETH/USDT","exchange":"binance","timeframe":"5m","initialCapital":10000,
             "feeBps":10,"slippageBps":5}""";

    private final StubExchange binance = new StubExchange();
    private final String table = LocalDynamoDb.newMainTable();
    private final PaperSessionRepository repository = new PaperSessionRepository(LocalDynamoDb.client(), table);
    private final CandleRepository candles = new CandleRepository(LocalDynamoDb.client(), table);
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(ETH.time()[0]));
    private final List<Map<String, Object>> pushed = new ArrayList<>();
    private final PositionEvents events = new PositionEvents() {
        @Override
        public void positionChanged(com.tradebot.trading.position.PositionView position) {
        }

        @Override
        public void executionRejected(String userId, Map<String, Object> details) {
        }

        @Override
        public void paperSessionChanged(String userId, Map<String, Object> update) {
            pushed.add(Map.of("userId", userId, "update", update));
        }
    };

    @AfterEach
    void stop() {
        binance.close();
    }

    private LivePaperSessions live(int seedBars) {
        ExchangeGateway gateway = new ExchangeGateway(null, new Exchanges(List.of(
                new BinanceConnector(ExchangeEndpoints.all(binance.url())))), BackOff.none());
        return new LivePaperSessions(repository, new LiveCandles(gateway, candles), Set.of("binance"), events, clock,
                seedBars);
    }

    private PaperSessionService service(LivePaperSessions live) {
        return new PaperSessionService(repository, new MarketDataService(candles), live, clock);
    }

    /** Moves the clock into bar {@code index} (still open) and serves the klines up to it, as Binance would. */
    private void openBar(int index) {
        clock.advance(Duration.between(clock.instant(), Instant.ofEpochMilli(ETH.time()[index] + 42_000)));
        StringBuilder body = new StringBuilder("[");
        for (int i = Math.max(0, index - 999); i <= index; i++) {
            body.append(i > Math.max(0, index - 999) ? "," : "").append(String.format(java.util.Locale.ROOT,
                    "[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%d,\"0\",100,\"0\",\"0\",\"0\"]", ETH.time()[i],
                    ETH.open()[i], ETH.high()[i], ETH.low()[i], ETH.close()[i], ETH.volume()[i],
                    ETH.time()[i] + STEP - 1));
        }
        binance.server.stubFor(get(urlPathEqualTo("/api/v3/klines")).withQueryParam("symbol", equalTo("ETHUSDT"))
                .withQueryParam("interval", equalTo("5m")).willReturn(okJson(body.append("]").toString())));
    }

    @Test
    void aLiveSessionTradesLikeABacktestOfTheCandlesClosedWhileItRan() {
        LivePaperSessions live = live(0);
        PaperSessionService service = service(live);
        openBar(100);
        PaperSession started = service.start("trader", Json.readTree(START));
        assertThat(started.mode()).isEqualTo("LIVE");
        assertThat(started.status()).isEqualTo("RUNNING");
        assertThat(started.result()).isNull();

        // the schedule fires every minute; candles close every five, sometimes several between two ticks
        for (int bar = 101; bar < 579; bar += 1 + bar % 7) {
            openBar(bar);
            live.tick();
            if (bar == 400) { // a tick with no new closed candle evaluates nothing
                assertThat(live.tick().evaluated()).isZero();
            }
        }
        openBar(579);
        live.tick();
        PaperSession session = service.get("trader", started.id());
        assertThat(session.live().lastCandle()).isEqualTo(Instant.ofEpochMilli(ETH.time()[578]));

        // a backtest of the bars that closed while the session ran (bar 100 was open at the start), same settings
        BacktestSpec spec = BacktestRequests.parse(BacktestKind.RUN, Json.readTree("""
                {"strategy":"RSI_MACD","symbol":"ETH/USDT","timeframe":"5m","initialCapital":10000,
                 "fees":{"maker":0.001,"taker":0.001},"slippage":0.0005}"""));
        BacktestResult backtest = BacktestRunner.run("binance", "ETH/USDT", ETH.range(100, 579), spec.definition(),
                spec.parameters(), spec.settings());
        assertThat(backtest.trades()).hasSizeGreaterThan(2);
        assertThat(session.result().trades()).isEqualTo(backtest.trades());
        assertThat(session.result().metrics()).isEqualTo(backtest.metrics());
        double realised = backtest.trades().stream().filter(t -> !t.exitReason().equals("END_OF_DATA"))
                .mapToDouble(BacktestResult.TradeView::pnl).sum();
        assertThat(session.live().realisedPnl()).isCloseTo(realised, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(session.live().equity()).isEqualTo(backtest.metrics().finalEquity());
        assertThat(pushed).isNotEmpty().allSatisfy(p -> assertThat(p.get("userId")).isEqualTo("trader"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) pushed.get(pushed.size() - 1).get("update");
        assertThat(last.get("paperSessionId")).isEqualTo(started.id());
        assertThat(last.get("trades")).isEqualTo(backtest.trades().size());

        PaperSession stopped = service.stop("trader", started.id());
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(stopped.endedAt()).isNotNull();
        assertThat(stopped.result().trades()).isEqualTo(backtest.trades());
        openBar(579);
        assertThat(live.tick().sessions()).isZero();
        assertThatThrownBy(() -> service.stop("trader", started.id())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("SESSION_ENDED"));
        assertThat(service.mine("trader")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("STOPPED");
            assertThat(s.result()).isNull();
        });
    }

    @Test
    void seedCandlesWarmTheIndicatorsUpButNoDecisionIsTakenOnThem() {
        LivePaperSessions live = live(200);
        PaperSessionService service = service(live);
        openBar(300);
        PaperSession started = service.start("trader", Json.readTree(START));
        assertThat(started.live().lastCandle()).isEqualTo(Instant.ofEpochMilli(ETH.time()[299]));
        assertThat(candles.read(com.tradebot.marketdata.DatasetKey.of("binance", "ETH/USDT", "5m"), 0, Long.MAX_VALUE)
                .size()).isEqualTo(200);
        for (int bar = 305; bar <= 575; bar += 5) {
            openBar(bar);
            live.tick();
        }
        PaperSession session = service.get("trader", started.id());
        ObjectNode request = (ObjectNode) session.request();
        BacktestSpec spec = BacktestRequests.parse(BacktestKind.RUN, request);
        BacktestResult expected = BacktestRunner.runFrom("binance", "ETH/USDT", ETH.range(100, 575), 200,
                spec.definition(), spec.parameters(), spec.settings());
        assertThat(session.result().trades()).isNotEmpty().isEqualTo(expected.trades())
                .allSatisfy(t -> assertThat(t.entryTime()).isAfter(started.live().startedAt()));
        assertThat(session.result().bars()).isEqualTo(275);
        // the seed asked for 201 klines, each tick only for what closed since the last one (five, and the open one)
        List<Integer> limits = binance.server.findAll(getRequestedFor(urlPathEqualTo("/api/v3/klines"))).stream()
                .map(r -> Integer.parseInt(r.queryParameter("limit").firstValue())).toList();
        assertThat(limits.get(0)).isEqualTo(201);
        assertThat(limits.subList(1, limits.size())).hasSize(55).containsOnly(7);
    }

    @Test
    void anUnreachableExchangeIsRecordedAndTheNextTickCatchesUp() {
        LivePaperSessions live = live(50);
        PaperSessionService service = service(live);
        openBar(200);
        PaperSession started = service.start("trader", Json.readTree(START));
        openBar(203);
        binance.server.stubFor(get(urlPathEqualTo("/api/v3/klines")).willReturn(aResponse().withStatus(503)));
        LivePaperSessions.Tick tick = live.tick();
        assertThat(tick.failed()).isEqualTo(1);
        assertThat(service.get("trader", started.id()).live().lastError()).isEqualTo("UNAVAILABLE");
        assertThat(service.get("trader", started.id()).status()).isEqualTo("RUNNING");
        openBar(260);
        assertThat(live.tick().evaluated()).isEqualTo(1);
        PaperSession session = service.get("trader", started.id());
        assertThat(session.live().lastError()).isNull();
        assertThat(session.live().lastCandle()).isEqualTo(Instant.ofEpochMilli(ETH.time()[259]));
        assertThat(session.result().bars()).isEqualTo(60);
    }

    @Test
    void badStartsAre400sAndAUserRunsAtMostFiveLiveSessions() {
        PaperSessionService service = service(live(10));
        openBar(50);
        binance.server.stubFor(get(urlPathEqualTo("/api/v3/klines")).withQueryParam("symbol", equalTo("NOPEUSDT"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
        assertThatThrownBy(() -> service.start("u", Json.readTree(START.replace("ETH/USDT", "NOPE/USDT"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SYMBOL"));
        assertThatThrownBy(() -> service.start("u", Json.readTree(START.replace("\"binance\"", "\"kraken\""))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                        .isEqualTo("EXCHANGE_NOT_SUPPORTED"));
        assertThatThrownBy(() -> service.start("u", Json.readTree(START.replace("\"5m\"", "\"2h\""))))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> service.start("u", Json.readTree(START.replace("RSI_MACD", "NOPE"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("VALIDATION_FAILED"));
        for (int i = 0; i < 5; i++) {
            service.start("u", Json.readTree(START));
        }
        assertThatThrownBy(() -> service.start("u", Json.readTree(START)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("TOO_MANY_SESSIONS"));
        assertThatThrownBy(() -> service.get("someone-else", service.mine("u").get(0).id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
