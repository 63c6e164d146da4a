package com.tradebot.strategy.pine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.backtest.BacktestResult;
import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.RuleParser;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Resampler;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Textbook Pine strategies, imported, trade exactly like the hand-written catalogue entries on the bundled real data
 * (Bitstamp BTC/USD resampled to 15m, Binance US ETH/USD 5m): same side, bar times and prices of every trade.
 */
class PineGoldenTest {
    private static final CandleSeries BTC_15M = Resampler.resample(Ta4jExampleData.bitstampBtcUsd(), Timeframe.M15);
    private static final CandleSeries ETH_5M = Ta4jExampleData.binanceUsEthUsd();

    static Stream<Arguments> cases() {
        return Stream.of("rsi.pine:RSI_CROSS", "macd.pine:MACD_CROSS", "ema_cross.pine:EMA_CROSS",
                        "bollinger.pine:BOLLINGER_REVERSION", "supertrend.pine:SUPERTREND")
                .flatMap(c -> Stream.of(Arguments.of(c.split(":")[0], c.split(":")[1], "BTC/USD 15m", BTC_15M),
                        Arguments.of(c.split(":")[0], c.split(":")[1], "ETH/USD 5m", ETH_5M)));
    }

    @ParameterizedTest(name = "{0} = {1} on {2}")
    @MethodSource("cases")
    void importedScriptTradesLikeTheCatalogue(String script, String catalogue, String label, CandleSeries bars)
            throws IOException {
        PineImport imported = PineImporter.translate(read(script));
        Direction direction = Direction.valueOf(imported.backtest().get("direction").asText());
        assertThat(direction).isEqualTo(Direction.BOTH);
        SimulationSettings settings = SimulationSettings.defaults().withDirection(direction);

        StrategyDefinition fromPine = RuleParser.parse(imported.rules());
        StrategyDefinition reference = StrategyCatalogue.find(catalogue).orElseThrow();
        List<String> ours = trades(BacktestRunner.run("x", "y", bars, fromPine, fromPine.bind(Map.of()), settings));
        List<String> expected = trades(BacktestRunner.run("x", "y", bars, reference, reference.bind(Map.of()),
                settings));

        assertThat(expected).as("the catalogue trades on " + label).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ours).containsExactlyElementsOf(expected);
    }

    private static List<String> trades(BacktestResult r) {
        return r.trades().stream().map(t -> t.side() + " " + t.entryTime() + "@" + t.entryPrice() + " → "
                + t.exitTime() + "@" + t.exitPrice() + " " + t.exitReason()).toList();
    }

    static String read(String name) throws IOException {
        try (InputStream in = PineGoldenTest.class.getResourceAsStream("/pine/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
