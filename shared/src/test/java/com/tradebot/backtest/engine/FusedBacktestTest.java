package com.tradebot.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.SimulationSettings.Sizing;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Resampler;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep's fused pass against the reference (Simulator, then Metrics over its trades and equity curve) on the real
 * data sets: every metric must be equal bit for bit, on the whole series and on windows that start mid-series, with
 * fees, slippage, stops, take-profits, shorts, leverage and every sizing.
 */
class FusedBacktestTest {
    static final CandleSeries BTC_1M = Ta4jExampleData.bitstampBtcUsd();
    static final CandleSeries ETH_5M = Ta4jExampleData.binanceUsEthUsd();

    static final List<SimulationSettings> SETTINGS = List.of(
            SimulationSettings.frictionless(Sizing.UNITS, 1),
            SimulationSettings.frictionless(Sizing.FRACTION, 1),
            SimulationSettings.defaults(),
            new SimulationSettings(10_000, 0.0002, 0.0004, 0.0005, 3, Sizing.FRACTION, 0.5, 0.01, 0.02, Direction.BOTH),
            new SimulationSettings(5_000, 0.001, 0.002, 0.001, 1, Sizing.FIXED, 2_000, 0.004, 0, Direction.SHORT),
            new SimulationSettings(10_000, 0.0002, 0.0004, 0.0001, 10, Sizing.RISK, 0.01, 0.003, 0.006, Direction.BOTH),
            new SimulationSettings(10_000, 0, 0.001, 0, 1, Sizing.UNITS, 0.5, 0, 0.003, Direction.LONG));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Map<String, CandleSeries> data = Map.of("BTC/USD 1m", BTC_1M, "BTC/USD 15m",
                Resampler.resample(BTC_1M, Timeframe.M15), "ETH/USD 5m", ETH_5M);
        for (String strategy : StrategyCatalogue.NAMES) {
            for (Map.Entry<String, CandleSeries> d : data.entrySet()) {
                out.add(Arguments.of(strategy, d.getKey(), d.getValue()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void equalsTheReferenceBitForBit(String strategy, String label, CandleSeries bars) {
        StrategyDefinition def = StrategyCatalogue.find(strategy).orElseThrow();
        IndicatorCache cache = new IndicatorCache(bars);
        int n = bars.size();
        int[][] windows = {{0, n}, {n / 3, n}, {n / 5, n / 2}, {n - 40, n}, {7, 8}};
        int compared = 0;
        for (SimulationSettings s : SETTINGS) {
            Signals signals = new SignalEvaluator(cache).evaluate(def, def.bind(Map.of()), s.direction());
            for (int[] w : windows) {
                CandleSeries part = w[0] == 0 && w[1] == n ? bars : bars.range(w[0], w[1]);
                Signals partSignals = w[0] == 0 && w[1] == n ? signals : signals.range(w[0], w[1]);
                SimulationResult reference = Simulator.run(part, partSignals, s);
                Metrics expected = Metrics.of(part, reference, s.initialCapital());
                assertThat(FusedBacktest.run(bars, signals, s, w[0], w[1]))
                        .as("%s %s window %d..%d", s, label, w[0], w[1]).isEqualTo(expected);
                compared += reference.trades().size();
            }
        }
        assertThat(compared).as("trades compared").isGreaterThan(20);
    }
}
