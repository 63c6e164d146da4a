package com.tradebot.backtest.engine;

import com.tradebot.marketdata.CandleSeries;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Indicator series of one bar series, computed once and shared by every parameter set and thread that asks for the
 * same indicator with the same resolved arguments (e.g. RSI(close,14) is built once for all MACD variations, and
 * EMA(close,12) once for every MACD that uses it). Each value is computed by exactly one thread while others that
 * need it wait (a memoizer of futures: {@code computeIfAbsent} must not be used because computations nest).
 */
public final class IndicatorCache {
    /** Leaf conditions kept at most (bytes); beyond this (a leaf that changes with every set) they are recomputed. */
    static final long MAX_CONDITION_BYTES = 64L << 20;

    private final CandleSeries series;
    private final ConcurrentHashMap<String, FutureTask<double[]>> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, FutureTask<long[]>> conditions = new ConcurrentHashMap<>();
    private final AtomicLong conditionBytes = new AtomicLong();

    public IndicatorCache(CandleSeries series) {
        this.series = series;
    }

    public CandleSeries series() {
        return series;
    }

    public double[] get(String key, Supplier<double[]> compute) {
        return memo(values, key, compute);
    }

    /** A leaf condition (comparison or crossing) as {@link Bits} over shared indicators; never modified by callers. */
    public long[] condition(String key, Supplier<long[]> compute) {
        FutureTask<long[]> known = conditions.get(key);
        if (known == null && conditionBytes.get() >= MAX_CONDITION_BYTES) {
            return compute.get();
        }
        long[] bits = memo(conditions, key, compute);
        if (known == null) {
            conditionBytes.addAndGet(8L * bits.length);
        }
        return bits;
    }

    private static <T> T memo(ConcurrentHashMap<String, FutureTask<T>> map, String key, Supplier<T> compute) {
        FutureTask<T> task = map.get(key);
        if (task == null) {
            FutureTask<T> created = new FutureTask<>(compute::get);
            task = map.putIfAbsent(key, created);
            if (task == null) {
                task = created;
                created.run();
            }
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + key, e);
        } catch (ExecutionException e) {
            map.remove(key, task);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public int size() {
        return values.size();
    }
}
