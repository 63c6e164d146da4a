package com.tradebot.backtest.optimize;

import com.tradebot.backtest.engine.FusedBacktest;
import com.tradebot.backtest.engine.IndicatorCache;
import com.tradebot.backtest.engine.Metrics;
import com.tradebot.backtest.engine.SignalEvaluator;
import com.tradebot.backtest.engine.Signals;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Scores parameter sets on windows of one series. Indicators are computed once per distinct (indicator, arguments)
 * over the whole series and shared by every set, window and thread (leaf conditions too, as bit arrays); each set
 * then costs a few word-wide and/or passes and one {@link FusedBacktest} pass per window, which walks only the bars
 * where a position is open or an order is pending.
 */
public final class Sweep {
    private final CandleSeries bars;
    private final StrategyDefinition definition;
    private final ParameterGrid grid;
    private final SimulationSettings settings;
    private final Objective objective;
    private final IndicatorCache cache;

    public Sweep(CandleSeries bars, StrategyDefinition definition, ParameterGrid grid, SimulationSettings settings,
                 Objective objective) {
        this.bars = bars;
        this.definition = definition;
        this.grid = grid;
        this.settings = settings;
        this.objective = objective;
        this.cache = new IndicatorCache(bars);
    }

    public IndicatorCache cache() {
        return cache;
    }

    /** A bar range {@code [from, to)} of the series. */
    public record Window(int from, int to) {
    }

    /**
     * Objective of sets {@code [fromSet, toSet)} on each window: {@code result[w][k]} for set {@code fromSet + k};
     * NaN for sets that break a constraint.
     */
    public double[][] score(long fromSet, long toSet, Window[] windows, int threads) {
        int count = (int) (toSet - fromSet);
        double[][] out = new double[windows.length][count];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        Runnable work = () -> IntStream.range(0, count).parallel().forEach(k -> {
            Map<String, Double> p = grid.parameters(fromSet + k);
            if (p == null) {
                return;
            }
            Signals signals = new SignalEvaluator(cache).evaluate(definition, p, settings.direction());
            for (int w = 0; w < windows.length; w++) {
                out[w][k] = objective.of(metrics(signals, windows[w]));
            }
        });
        if (threads <= 1) {
            for (int k = 0; k < count; k++) {
                Map<String, Double> p = grid.parameters(fromSet + k);
                if (p == null) {
                    continue;
                }
                Signals signals = new SignalEvaluator(cache).evaluate(definition, p, settings.direction());
                for (int w = 0; w < windows.length; w++) {
                    out[w][k] = objective.of(metrics(signals, windows[w]));
                }
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(work).join();
            } finally {
                pool.shutdown();
            }
        }
        return out;
    }

    /** Full metrics of one set on one window. */
    public Metrics evaluate(Map<String, Double> parameters, Window window) {
        Signals signals = new SignalEvaluator(cache).evaluate(definition, parameters, settings.direction());
        return metrics(signals, window);
    }

    /** The fused simulation + metrics pass over the window (no trade list, no equity curve, no copies). */
    private Metrics metrics(Signals signals, Window w) {
        return FusedBacktest.run(bars, signals, settings, w.from(), w.to());
    }
}
