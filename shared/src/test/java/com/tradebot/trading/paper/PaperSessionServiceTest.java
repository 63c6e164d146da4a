package com.tradebot.trading.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.MutableClock;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestResult;
import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Replay sessions over the bundled real Bitstamp data: the backtest engine's trades, deterministic, owner-only. */
class PaperSessionServiceTest {
    private static final String REQUEST = """
            {"strategy":"RSI_MACD","symbol":"BTC/USD","timeframe":"5m","initialCapital":10000,"feeBps":10,
             "slippageBps":5,"replay":{"from":"2013-11-25","to":"2013-12-01","speed":0}}""";

    private final String table = LocalDynamoDb.newMainTable();
    private final MarketDataService marketData = new MarketDataService(new CandleRepository(LocalDynamoDb.client(), table));
    private final com.tradebot.strategy.StrategyService strategies = new com.tradebot.strategy.StrategyService(
            new com.tradebot.strategy.StrategyRepository(LocalDynamoDb.client(), table), java.time.Clock.systemUTC(),
            "http://localhost");
    private final PaperSessionService service = new PaperSessionService(
            new PaperSessionRepository(LocalDynamoDb.client(), table), marketData, null, new MutableClock(Instant.now()),
            strategies.repository());

    @Test
    void aMarketplaceStrategyIsReplayedThroughItsBacktestDefinition() {
        marketData.importBundled();
        var strategy = strategies.create("provider", new com.tradebot.strategy.StrategyDraft("RSI", null, null, null,
                java.util.Map.of(), java.util.List.of("BTC/USD"), java.util.List.of("5m"), java.math.BigDecimal.ZERO,
                null, true, true, null, java.util.Map.of("strategy", "RSI_MACD")));
        PaperSession viaId = service.start("user-1", Json.readTree(REQUEST.replace("\"strategy\":\"RSI_MACD\"",
                "\"strategyId\":\"" + strategy.id() + "\"")));
        PaperSession inline = service.start("user-1", Json.readTree(REQUEST));
        assertThat(viaId.strategy()).isEqualTo("RSI_MACD");
        assertThat(viaId.result().trades()).isNotEmpty().isEqualTo(inline.result().trades());

        var plain = strategies.create("provider", new com.tradebot.strategy.StrategyDraft("Plain", null, null, null,
                java.util.Map.of(), java.util.List.of("BTC/USD"), java.util.List.of("5m"), java.math.BigDecimal.ZERO,
                null, true, true, null));
        assertThatThrownBy(() -> service.start("user-1", Json.readTree(REQUEST.replace(
                "\"strategy\":\"RSI_MACD\"", "\"strategyId\":\"" + plain.id() + "\""))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("NO_BACKTEST_DEFINITION"));
    }

    @Test
    void aReplayEqualsABacktestOfTheSameWindowTradeForTradeAndIsDeterministic() {
        marketData.importBundled();
        PaperSession session = service.start("user-1", Json.readTree(REQUEST));
        assertThat(session.mode()).isEqualTo("REPLAY");
        assertThat(session.status()).isEqualTo("COMPLETED");

        BacktestSpec backtest = BacktestRequests.parse(BacktestKind.RUN, Json.readTree("""
                {"strategy":"RSI_MACD","symbol":"BTC/USD","timeframe":"5m","initialCapital":10000,
                 "fees":{"maker":0.001,"taker":0.001},"slippage":0.0005,"startDate":"2013-11-25",
                 "endDate":"2013-12-01"}"""));
        BacktestSpec.Slice slice = backtest.slices().get(0);
        BacktestResult expected = BacktestRunner.run(session.exchange(), slice.symbol().toString(),
                marketData.load(null, slice.symbol(), slice.timeframe(), backtest.from().toEpochMilli(),
                        backtest.to().toEpochMilli()), backtest.definition(), backtest.parameters(), backtest.settings());
        PaperSession stored = service.get("user-1", session.id());
        assertThat(expected.trades()).isNotEmpty();
        assertThat(stored.result().trades()).isEqualTo(expected.trades());
        assertThat(stored.result().metrics()).isEqualTo(expected.metrics());

        PaperSession again = service.start("user-1", Json.readTree(REQUEST));
        assertThat(again.id()).isNotEqualTo(session.id());
        assertThat(again.result().trades()).isEqualTo(session.result().trades());
        assertThat(service.mine("user-1")).hasSize(2).allSatisfy(s -> assertThat(s.result()).isNull());
    }

    @Test
    void liveSessionsOtherSpeedsAndBadFieldsAre400AndOthersSessionsAre403() {
        assertThatThrownBy(() -> service.start("u", Json.readTree("{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("LIVE_SESSIONS_UNAVAILABLE"));
        JsonNode bad = Json.readTree("""
                {"strategy":"NOPE","symbol":"BTC/USD","timeframe":"5m","feeBps":1.5,
                 "replay":{"from":"2013-11-25","speed":10}}""");
        assertThatThrownBy(() -> service.start("u", bad)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
                e.details()).extracting(ApiException.FieldError::field)
                .contains("replay.speed", "feeBps", "replay.to", "strategy"));

        marketData.importBundled();
        PaperSession session = service.start("owner", Json.readTree(REQUEST));
        assertThatThrownBy(() -> service.get("stranger", session.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> service.stop("owner", session.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SESSION_ENDED"));
        assertThatThrownBy(() -> service.get("owner", "missing"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
