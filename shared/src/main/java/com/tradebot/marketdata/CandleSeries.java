package com.tradebot.marketdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bars of one timeframe as parallel primitive arrays (open time in epoch ms, OHLCV as doubles), sorted by time
 * without duplicates. Column arrays rather than bar objects keep the backtest inner loop on primitives.
 * The arrays are shared, never copied on read: callers must not modify them.
 */
public final class CandleSeries {
    private final Timeframe timeframe;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    public CandleSeries(Timeframe timeframe, long[] time, double[] open, double[] high, double[] low, double[] close,
                        double[] volume) {
        int n = time.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("Columns differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (time[i] <= time[i - 1]) {
                throw new IllegalArgumentException("Bar times must increase: " + Instant.ofEpochMilli(time[i]));
            }
        }
        this.timeframe = timeframe;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    public static CandleSeries empty(Timeframe timeframe) {
        return new CandleSeries(timeframe, new long[0], new double[0], new double[0], new double[0], new double[0],
                new double[0]);
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return time.length;
    }

    public boolean isEmpty() {
        return time.length == 0;
    }

    public long[] time() {
        return time;
    }

    public double[] open() {
        return open;
    }

    public double[] high() {
        return high;
    }

    public double[] low() {
        return low;
    }

    public double[] close() {
        return close;
    }

    public double[] volume() {
        return volume;
    }

    public long firstTime() {
        return time[0];
    }

    public long lastTime() {
        return time[time.length - 1];
    }

    /** Bars with {@code fromMs <= openTime < toMs}. */
    public CandleSeries between(long fromMs, long toMs) {
        int from = lowerBound(fromMs);
        int to = lowerBound(toMs);
        return range(from, to);
    }

    /** Bars {@code [from, to)} by index. */
    public CandleSeries range(int from, int to) {
        if (from == 0 && to == time.length) {
            return this;
        }
        return new CandleSeries(timeframe, Arrays.copyOfRange(time, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to));
    }

    /** First index whose time is {@code >= t}. */
    public int lowerBound(long t) {
        int i = Arrays.binarySearch(time, t);
        return i >= 0 ? i : -i - 1;
    }

    /** Merges two series of the same timeframe; bars of {@code newer} win on equal times. */
    public CandleSeries merge(CandleSeries newer) {
        Builder b = new Builder(timeframe, size() + newer.size());
        int i = 0;
        int j = 0;
        while (i < size() || j < newer.size()) {
            if (j >= newer.size() || (i < size() && time[i] < newer.time[j])) {
                b.add(time[i], open[i], high[i], low[i], close[i], volume[i]);
                i++;
            } else {
                if (i < size() && time[i] == newer.time[j]) {
                    i++;
                }
                b.add(newer.time[j], newer.open[j], newer.high[j], newer.low[j], newer.close[j], newer.volume[j]);
                j++;
            }
        }
        return b.build();
    }

    /** Appends bars in any order; {@link #build()} sorts them and keeps the last of equal times. */
    public static final class Builder {
        private final Timeframe timeframe;
        private long[] time;
        private double[] values;
        private int size;

        public Builder(Timeframe timeframe) {
            this(timeframe, 1024);
        }

        public Builder(Timeframe timeframe, int capacity) {
            this.timeframe = timeframe;
            this.time = new long[Math.max(16, capacity)];
            this.values = new double[time.length * 5];
        }

        public Builder add(long openTime, double o, double h, double l, double c, double v) {
            if (!(l <= h) || o < l || o > h || c < l || c > h || v < 0 || Double.isNaN(v)) {
                throw new IllegalArgumentException("Inconsistent bar at " + Instant.ofEpochMilli(openTime)
                        + ": open " + o + " high " + h + " low " + l + " close " + c + " volume " + v);
            }
            if (openTime % timeframe.millis() != 0) {
                throw new IllegalArgumentException("Bar at " + Instant.ofEpochMilli(openTime)
                        + " is not aligned to " + timeframe);
            }
            if (size == time.length) {
                time = Arrays.copyOf(time, size * 2);
                values = Arrays.copyOf(values, size * 10);
            }
            time[size] = openTime;
            int k = size * 5;
            values[k] = o;
            values[k + 1] = h;
            values[k + 2] = l;
            values[k + 3] = c;
            values[k + 4] = v;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public CandleSeries build() {
            Integer[] order = new Integer[size];
            boolean sorted = true;
            for (int i = 0; i < size; i++) {
                order[i] = i;
                if (i > 0 && time[i] <= time[i - 1]) {
                    sorted = false;
                }
            }
            if (!sorted) {
                // stable sort keeps insertion order among equal times, so the last added wins below
                Arrays.sort(order, (a, b) -> Long.compare(time[a], time[b]));
            }
            List<Integer> kept = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                if (k + 1 < size && time[order[k + 1]] == time[order[k]]) {
                    continue;
                }
                kept.add(order[k]);
            }
            int n = kept.size();
            long[] t = new long[n];
            double[] o = new double[n];
            double[] h = new double[n];
            double[] l = new double[n];
            double[] c = new double[n];
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                int i = kept.get(k);
                t[k] = time[i];
                o[k] = values[i * 5];
                h[k] = values[i * 5 + 1];
                l[k] = values[i * 5 + 2];
                c[k] = values[i * 5 + 3];
                v[k] = values[i * 5 + 4];
            }
            return new CandleSeries(timeframe, t, o, h, l, c, v);
        }
    }
}
