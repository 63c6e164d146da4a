package com.tradebot.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.tradebot.backtest.engine.SimulationSettings.Sizing;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand. */
class SimulatorAndMetricsTest {
    static final long DAY = 86_400_000L;

    static CandleSeries bars(double[][] ohlc) {
        CandleSeries.Builder b = new CandleSeries.Builder(Timeframe.D1);
        for (int i = 0; i < ohlc.length; i++) {
            b.add(i * DAY, ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1);
        }
        return b.build();
    }

    static boolean[] at(int n, int... idx) {
        boolean[] out = new boolean[n];
        for (int i : idx) {
            out[i] = true;
        }
        return out;
    }

    static final CandleSeries FIVE = bars(new double[][] {
            {100, 100, 100, 100}, {100, 110, 100, 110}, {110, 120, 110, 120}, {120, 120, 90, 90}, {90, 95, 90, 95}});

    static SimulationSettings settings(double fee, double slippage, double sl, double tp, Direction d) {
        return new SimulationSettings(1000, fee / 2, fee, slippage, 1, Sizing.FRACTION, 1, sl, tp, d);
    }

    @Test
    void decisionsOnCloseFillAtNextOpenAndMetricsFollow() {
        Signals s = Signals.of(at(5, 0, 3), at(5, 2), null, null, 0);
        SimulationResult r = Simulator.run(FIVE, s, settings(0, 0, 0, 0, Direction.LONG));
        assertThat(r.trades()).hasSize(2);
        Trade first = r.trades().get(0);
        assertThat(first.entryIndex()).isEqualTo(1);
        assertThat(first.entryPrice()).isEqualTo(100);
        assertThat(first.exitIndex()).isEqualTo(3);
        assertThat(first.exitPrice()).isEqualTo(120);
        assertThat(first.pnl()).isCloseTo(200, within(1e-9));
        Trade last = r.trades().get(1);
        assertThat(last.exitReason()).isEqualTo(ExitReason.END_OF_DATA);
        assertThat(last.entryPrice()).isEqualTo(90);
        assertThat(last.pnl()).isCloseTo(1200.0 / 90 * 5, within(1e-9));
        assertThat(r.equity()).containsExactly(new double[] {1000, 1100, 1200, 1200, 1200 + 1200.0 / 90 * 5},
                within(1e-9));

        Metrics m = Metrics.of(FIVE, r, 1000);
        assertThat(m.totalTrades()).isEqualTo(2);
        assertThat(m.winRate()).isEqualTo(1.0);
        assertThat(m.roi()).isCloseTo(0.2 + 1.2 * 5 / 90, within(1e-12));
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.profitFactor()).isNull();
        assertThat(m.exposure()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(m.buyAndHoldReturn()).isCloseTo(-0.05, within(1e-12));
        assertThat(m.cagr()).isCloseTo(Math.pow(1 + m.roi(), 365.0 / 5) - 1, within(1e-9));
        assertThat(m.sharpeRatio()).isPositive();
    }

    @Test
    void feesAndSlippageAreCharged() {
        Signals s = Signals.of(at(5, 0), at(5, 2), null, null, 0);
        Trade t = Simulator.run(FIVE, s, settings(0.001, 0, 0, 0, Direction.LONG)).trades().get(0);
        double qty = 1000 / 1.001 / 100;
        assertThat(t.quantity()).isCloseTo(qty, within(1e-12));
        assertThat(t.fees()).isCloseTo(qty * 100 * 0.001 + qty * 120 * 0.001, within(1e-9));
        assertThat(t.pnl()).isCloseTo(qty * 20 - t.fees(), within(1e-9));

        Trade slipped = Simulator.run(FIVE, s, settings(0, 0.01, 0, 0, Direction.LONG)).trades().get(0);
        assertThat(slipped.entryPrice()).isCloseTo(101, within(1e-9));
        assertThat(slipped.exitPrice()).isCloseTo(118.8, within(1e-9));
    }

    @Test
    void stopLossWinsWhenBothLevelsAreInsideOneBarAndGapsFillAtTheOpen() {
        CandleSeries both = bars(new double[][] {{100, 100, 100, 100}, {100, 101, 99, 100}, {100, 111, 94, 105},
                {105, 106, 104, 105}});
        Signals s = Signals.of(at(4, 0), null, null, null, 0);
        Trade t = Simulator.run(both, s, settings(0, 0, 0.05, 0.10, Direction.LONG)).trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(t.exitIndex()).isEqualTo(2);
        assertThat(t.exitPrice()).isEqualTo(95);

        CandleSeries gap = bars(new double[][] {{100, 100, 100, 100}, {100, 101, 99, 100}, {90, 92, 88, 91},
                {91, 92, 90, 91}});
        Trade gapped = Simulator.run(gap, s, settings(0, 0, 0.05, 0.10, Direction.LONG)).trades().get(0);
        assertThat(gapped.exitPrice()).isEqualTo(90);

        CandleSeries up = bars(new double[][] {{100, 100, 100, 100}, {100, 101, 99, 100}, {100, 112, 99, 111},
                {111, 112, 110, 111}});
        Trade target = Simulator.run(up, s, new SimulationSettings(1000, 0.001, 0.002, 0.01, 1, Sizing.FRACTION, 1,
                0.05, 0.10, Direction.LONG)).trades().get(0);
        assertThat(target.exitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(target.exitPrice()).isCloseTo(101 * 1.1, within(1e-9)); // limit: no slippage
        assertThat(target.fees()).isCloseTo(target.quantity() * (101 * 0.002 + 111.1 * 0.001), within(1e-9));
    }

    @Test
    void shortsLeverageAndRiskSizing() {
        Signals s = Signals.of(null, null, at(5, 2), at(5, 3), 0);
        SimulationSettings lev = new SimulationSettings(1000, 0, 0, 0, 3, Sizing.FRACTION, 0.5, 0, 0, Direction.SHORT);
        Trade t = Simulator.run(FIVE, s, lev).trades().get(0);
        assertThat(t.isLong()).isFalse();
        assertThat(t.quantity()).isCloseTo(1500.0 / 120, within(1e-12)); // half the equity, 3x
        assertThat(t.pnl()).isCloseTo(1500.0 / 120 * 30, within(1e-9)); // sold 120, bought back 90

        SimulationSettings risk = new SimulationSettings(1000, 0, 0, 0, 10, Sizing.RISK, 0.01, 0.02, 0, Direction.LONG);
        Trade r = Simulator.run(FIVE, Signals.of(at(5, 0), at(5, 1), null, null, 0), risk).trades().get(0);
        assertThat(r.quantity() * r.entryPrice() * 0.02).isCloseTo(10, within(1e-9)); // 1 % of equity at risk
    }

    @Test
    void drawdownProfitFactorAndAverages() {
        CandleSeries five = FIVE;
        double[] equity = {1000, 1100, 990, 1045, 1210};
        List<Trade> trades = List.of(
                new Trade(true, 0, 0, 100, 1, DAY, 110, 10, 100, 0, ExitReason.SIGNAL),
                new Trade(true, 1, DAY, 110, 2, 2 * DAY, 99, 10, -110, 0, ExitReason.SIGNAL),
                new Trade(true, 2, 2 * DAY, 99, 4, 4 * DAY, 121, 10, 220, 0, ExitReason.SIGNAL));
        Metrics m = Metrics.of(five, new SimulationResult(trades, equity, 4, 0), 1000);
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.maxDrawdownDurationBars()).isEqualTo(2);
        assertThat(m.maxDrawdownDurationMs()).isEqualTo(2 * DAY);
        assertThat(m.profitFactor()).isCloseTo(320.0 / 110, within(1e-12));
        assertThat(m.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.expectancy()).isCloseTo(210.0 / 3, within(1e-12));
        assertThat(m.averageWin()).isCloseTo(160, within(1e-12));
        assertThat(m.averageLoss()).isCloseTo(-110, within(1e-12));
        assertThat(m.roi()).isCloseTo(0.21, within(1e-12));
        // per-bar returns 0, .1, -.1, .0555.., .1578..: Sortino divides by the downside deviation only
        double[] ret = {0, 0.1, -0.1, 1045.0 / 990 - 1, 1210.0 / 1045 - 1};
        double mean = java.util.Arrays.stream(ret).average().orElseThrow();
        double var = java.util.Arrays.stream(ret).map(x -> (x - mean) * (x - mean)).sum() / 4;
        assertThat(m.sharpeRatio()).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(365), within(1e-9));
        assertThat(m.sortinoRatio()).isCloseTo(mean / Math.sqrt(0.01 / 5) * Math.sqrt(365), within(1e-9));
    }
}
