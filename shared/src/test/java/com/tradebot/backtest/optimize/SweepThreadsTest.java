package com.tradebot.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two threads score every set exactly as one thread does (the memoised indicators are shared safely). */
class SweepThreadsTest {
    @Test
    void twoThreadsGiveTheOneThreadScoresBitForBitOnTheRealData() {
        CandleSeries bars = Ta4jExampleData.bitstampBtcUsd();
        StrategyDefinition def = StrategyCatalogue.find("RSI_MACD").orElseThrow();
        ParameterGrid grid = new ParameterGrid(def, def.bind(java.util.Map.of()),
                List.of("rsiPeriod", "macdFast", "macdSlow"), 5, 0.3);
        Sweep.Window[] windows = {new Sweep.Window(0, bars.size()), new Sweep.Window(bars.size() / 2, bars.size())};
        double[][] one = new Sweep(bars, def, grid, SimulationSettings.defaults(), Objective.ROI)
                .score(0, grid.size(), windows, 1);
        Sweep two = new Sweep(bars, def, grid, SimulationSettings.defaults(), Objective.ROI);
        double[][] parallel = two.score(0, grid.size(), windows, 2);
        assertThat(parallel).isDeepEqualTo(one);
        assertThat(java.util.Arrays.stream(one[0]).filter(v -> !Double.isNaN(v)).count()).isGreaterThan(50);
        // and a sub-range (a Map item of a job)
        assertThat(two.score(10, 35, windows, 2)[0])
                .isEqualTo(java.util.Arrays.copyOfRange(one[0], 10, 35));
    }
}
