package com.tradebot.backtest.engine;

import com.tradebot.marketdata.CandleSeries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Indicator series of one bar series, computed once and shared by every parameter set and thread that asks for the
 * same indicator with the same resolved arguments (e.g. RSI(close,14) is built once for all MACD variations).
 */
public final class IndicatorCache {
    private final CandleSeries series;
    private final Map<String, double[]> values = new ConcurrentHashMap<>();
    private final Map<String, boolean[]> conditions = new ConcurrentHashMap<>();

    public IndicatorCache(CandleSeries series) {
        this.series = series;
    }

    public CandleSeries series() {
        return series;
    }

    public double[] get(String key, Supplier<double[]> compute) {
        double[] v = values.get(key);
        if (v == null) {
            v = values.computeIfAbsent(key, k -> compute.get());
        }
        return v;
    }

    /** Leaf conditions kept at most; beyond this (a leaf that changes with every set) they are recomputed. */
    static final int MAX_CONDITIONS = 512;

    /** A leaf condition (comparison or crossing) over shared indicators; never modified by callers. */
    public boolean[] condition(String key, Supplier<boolean[]> compute) {
        boolean[] v = conditions.get(key);
        if (v == null) {
            if (conditions.size() >= MAX_CONDITIONS) {
                return compute.get();
            }
            v = conditions.computeIfAbsent(key, k -> compute.get());
        }
        return v;
    }

    public int size() {
        return values.size();
    }
}
