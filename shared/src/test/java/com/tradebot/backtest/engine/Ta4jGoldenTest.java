package com.tradebot.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.catalogue.Ta4jReference;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Resampler;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.criteria.NumberOfPositionsCriterion;
import org.ta4j.core.criteria.PositionsRatioCriterion;
import org.ta4j.core.criteria.pnl.ProfitLossCriterion;
import org.ta4j.core.criteria.pnl.ReturnCriterion;

/**
 * The engine against ta4j 0.17's own BarSeriesManager (next-open execution, DoubleNum) on the real data sets of
 * ta4j-examples: identical positions (bar and price of every entry and exit) and identical analysis criteria.
 */
class Ta4jGoldenTest {
    static final CandleSeries BTC_1M = Ta4jExampleData.bitstampBtcUsd();
    static final CandleSeries ETH_5M = Ta4jExampleData.binanceUsEthUsd();

    static Stream<Arguments> cases() {
        Map<String, Double> tuned = Map.of("rsiPeriod", 7.0, "macdFast", 5.0, "macdSlow", 13.0, "macdSignal", 4.0,
                "oversold", 35.0, "overbought", 65.0);
        return Stream.of(
                Arguments.of("RSI_MACD", "BTC/USD 1m", BTC_1M, Map.of()),
                Arguments.of("RSI_MACD", "BTC/USD 5m", Resampler.resample(BTC_1M, Timeframe.M5), Map.of()),
                Arguments.of("RSI_MACD", "BTC/USD 1m tuned", BTC_1M, tuned),
                Arguments.of("RSI_MACD", "ETH/USD 5m", ETH_5M, Map.of()),
                Arguments.of("RSI_MACD", "ETH/USD 5m tuned", ETH_5M, tuned),
                Arguments.of("EMA_CROSS", "BTC/USD 15m", Resampler.resample(BTC_1M, Timeframe.M15), Map.of()),
                Arguments.of("EMA_CROSS", "ETH/USD 5m", ETH_5M, Map.of("fastPeriod", 5.0, "slowPeriod", 34.0)));
    }

    @ParameterizedTest(name = "{0} on {1} {3}")
    @MethodSource("cases")
    void sameTradesAndCriteriaAsTa4j(String strategy, String label, CandleSeries bars, Map<String, Double> given) {
        StrategyDefinition def = StrategyCatalogue.find(strategy).orElseThrow();
        Map<String, Double> params = def.bind(given);
        Signals signals = new SignalEvaluator(new IndicatorCache(bars)).evaluate(def, params, Direction.LONG);
        SimulationResult ours = Simulator.run(bars, signals,
                SimulationSettings.frictionless(SimulationSettings.Sizing.UNITS, 1));
        List<Trade> closed = ours.trades().stream().filter(t -> t.exitReason() != ExitReason.END_OF_DATA).toList();

        BarSeries series = Ta4jReference.series(bars);
        BiFunction<BarSeries, Map<String, Double>, Strategy> build = strategy.equals("RSI_MACD")
                ? (s, p) -> Ta4jReference.rsiMacd(s, p, signals.warmupBars())
                : (s, p) -> Ta4jReference.emaCross(s, p, signals.warmupBars());
        TradingRecord record = new BarSeriesManager(series, new TradeOnNextOpenModel()).run(build.apply(series, params));
        List<Position> positions = record.getPositions();

        assertThat(closed).as("trades").hasSizeGreaterThan(1).hasSize(positions.size());
        for (int k = 0; k < positions.size(); k++) {
            Position p = positions.get(k);
            Trade t = closed.get(k);
            assertThat(new double[] {t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()}).as("trade " + k)
                    .containsExactly(p.getEntry().getIndex(), p.getEntry().getNetPrice().doubleValue(),
                            p.getExit().getIndex(), p.getExit().getNetPrice().doubleValue());
        }
        double profit = closed.stream().mapToDouble(Trade::pnl).sum();
        long wins = closed.stream().filter(t -> t.pnl() > 0).count();
        assertThat(profit).isCloseTo(new ProfitLossCriterion().calculate(series, record).doubleValue(), within(1e-6));
        assertThat((double) wins / closed.size()).isCloseTo(
                PositionsRatioCriterion.WinningPositionsRatioCriterion().calculate(series, record).doubleValue(),
                within(1e-12));
        assertThat(closed.size()).isEqualTo(new NumberOfPositionsCriterion().calculate(series, record).intValue());

        // all-in compounding: equity after the closed trades equals ta4j's gross return
        SimulationResult allIn = Simulator.run(bars, signals,
                SimulationSettings.frictionless(SimulationSettings.Sizing.FRACTION, 1));
        double closedPnl = allIn.trades().stream().filter(t -> t.exitReason() != ExitReason.END_OF_DATA)
                .mapToDouble(Trade::pnl).sum();
        double grossReturn = new ReturnCriterion().calculate(series, record).doubleValue();
        assertThat(1 + closedPnl / 10_000).isCloseTo(grossReturn, within(1e-9));
    }
}
