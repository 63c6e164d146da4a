package com.tradebot.backtest;

import com.tradebot.backtest.engine.IndicatorCache;
import com.tradebot.backtest.engine.Metrics;
import com.tradebot.backtest.engine.SignalEvaluator;
import com.tradebot.backtest.engine.Signals;
import com.tradebot.backtest.engine.SimulationResult;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.engine.Simulator;
import com.tradebot.backtest.engine.Trade;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One backtest from bars, a strategy and its parameters to a {@link BacktestResult}. */
public final class BacktestRunner {
    private BacktestRunner() {
    }

    public static BacktestResult run(String exchange, String symbol, CandleSeries bars, StrategyDefinition definition,
                                     Map<String, Double> parameters, SimulationSettings settings) {
        IndicatorCache cache = new IndicatorCache(bars);
        Signals signals = new SignalEvaluator(cache).evaluate(definition, parameters, settings.direction());
        return result(exchange, symbol, bars, signals, parameters, settings);
    }

    /**
     * A backtest of bars {@code [from, end)} whose indicators were warmed up by the bars before {@code from} (they
     * only look back): what a live paper session trades once it has seen the candles up to the end.
     */
    public static BacktestResult runFrom(String exchange, String symbol, CandleSeries bars, int from,
                                         StrategyDefinition definition, Map<String, Double> parameters,
                                         SimulationSettings settings) {
        Signals signals = new SignalEvaluator(new IndicatorCache(bars)).evaluate(definition, parameters,
                settings.direction());
        return result(exchange, symbol, bars.range(from, bars.size()), signals.range(from, bars.size()), parameters,
                settings);
    }

    private static BacktestResult result(String exchange, String symbol, CandleSeries bars, Signals signals,
                                         Map<String, Double> parameters, SimulationSettings settings) {
        SimulationResult sim = Simulator.run(bars, signals, settings);
        Metrics metrics = Metrics.of(bars, sim, settings.initialCapital());
        List<BacktestResult.TradeView> trades = new ArrayList<>(sim.trades().size());
        for (Trade t : sim.trades()) {
            trades.add(new BacktestResult.TradeView(t.isLong() ? "LONG" : "SHORT", Instant.ofEpochMilli(t.entryTime()),
                    t.entryPrice(), Instant.ofEpochMilli(t.exitTime()), t.exitPrice(), t.quantity(), t.pnl(), t.fees(),
                    t.exitReason().name()));
        }
        return new BacktestResult(exchange, symbol, bars.timeframe().code(), Instant.ofEpochMilli(bars.firstTime()),
                Instant.ofEpochMilli(bars.lastTime() + bars.timeframe().millis()), bars.size(), parameters, metrics,
                trades, curve(bars, sim.equity()));
    }

    /** Every k-th point plus the last one, so the curve keeps its shape within the size budget. */
    static List<BacktestResult.EquityPoint> curve(CandleSeries bars, double[] equity) {
        int n = equity.length;
        int step = Math.max(1, (n + BacktestResult.MAX_CURVE_POINTS - 2) / (BacktestResult.MAX_CURVE_POINTS - 1));
        List<BacktestResult.EquityPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i += step) {
            out.add(new BacktestResult.EquityPoint(Instant.ofEpochMilli(bars.time()[i]), round(equity[i])));
        }
        if (n > 0 && (n - 1) % step != 0) {
            out.add(new BacktestResult.EquityPoint(Instant.ofEpochMilli(bars.time()[n - 1]), round(equity[n - 1])));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
