package com.tradebot.backtest.engine;

/**
 * Indicator maths on primitive arrays, bar by bar in the same order of operations as ta4j 0.17 (EMA seeded with the
 * first value, Wilder's smoothing for RSI, SMA from a running total, population standard deviation) so that with
 * ta4j's {@code DoubleNum} the values are bit-for-bit equal and the trades identical. Hand-written because ta4j's
 * object-per-value indicators are what the engine must outrun; ta4j stays the oracle in the tests.
 */
public final class Indicators {
    private Indicators() {
    }

    public static double[] ema(double[] in, int period) {
        return smoothed(in, 2.0 / (period + 1));
    }

    /** Wilder's moving average (ta4j's MMA): an EMA with multiplier 1/period. */
    public static double[] mma(double[] in, int period) {
        return smoothed(in, 1.0 / period);
    }

    private static double[] smoothed(double[] in, double multiplier) {
        int n = in.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double prev = in[0];
        out[0] = prev;
        for (int i = 1; i < n; i++) {
            prev = (in[i] - prev) * multiplier + prev;
            out[i] = prev;
        }
        return out;
    }

    public static double[] sma(double[] in, int period) {
        int n = in.length;
        double[] out = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum = sum + in[i];
            if (i >= period) {
                sum = sum - in[i - period];
            }
            out[i] = sum / Math.min(period, i + 1);
        }
        return out;
    }

    public static double[] rsi(double[] in, int period) {
        int n = in.length;
        double[] gain = new double[n];
        double[] loss = new double[n];
        for (int i = 1; i < n; i++) {
            double d = in[i] - in[i - 1];
            if (in[i] > in[i - 1]) {
                gain[i] = d;
            } else if (in[i] < in[i - 1]) {
                loss[i] = in[i - 1] - in[i];
            }
        }
        double[] avgGain = mma(gain, period);
        double[] avgLoss = mma(loss, period);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (avgLoss[i] == 0) {
                out[i] = avgGain[i] == 0 ? 0 : 100;
            } else {
                out[i] = 100 - 100 / (1 + avgGain[i] / avgLoss[i]);
            }
        }
        return out;
    }

    /** MACD line: EMA(fast) − EMA(slow). */
    public static double[] macd(double[] in, int fast, int slow) {
        return difference(ema(in, fast), ema(in, slow));
    }

    /** {@code f − s} element by element (the MACD line from its two EMAs). */
    public static double[] difference(double[] f, double[] s) {
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i] - s[i];
        }
        return out;
    }

    /** Population standard deviation over the last {@code period} values (fewer at the start), as ta4j. */
    public static double[] stdDev(double[] in, int period) {
        double[] mean = sma(in, period);
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            int start = Math.max(0, i - period + 1);
            double variance = 0;
            for (int j = start; j <= i; j++) {
                double d = in[j] - mean[i];
                variance = variance + d * d;
            }
            out[i] = Math.sqrt(variance / (i - start + 1));
        }
        return out;
    }

    /** Highest value of the last {@code period} values including the current one (monotonic deque: O(n)). */
    public static double[] highest(double[] in, int period) {
        return extreme(in, period, true);
    }

    public static double[] lowest(double[] in, int period) {
        return extreme(in, period, false);
    }

    private static double[] extreme(double[] in, int period, boolean max) {
        int n = in.length;
        double[] out = new double[n];
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            while (tail > head && (max ? in[deque[tail - 1]] <= in[i] : in[deque[tail - 1]] >= in[i])) {
                tail--;
            }
            deque[tail++] = i;
            if (deque[head] <= i - period) {
                head++;
            }
            out[i] = in[deque[head]];
        }
        return out;
    }

    /** Average true range with Wilder's smoothing (ta4j's ATRIndicator). */
    public static double[] atr(double[] high, double[] low, double[] close, int period) {
        int n = close.length;
        double[] tr = new double[n];
        for (int i = 0; i < n; i++) {
            double range = high[i] - low[i];
            if (i == 0) {
                tr[i] = Math.abs(range);
            } else {
                tr[i] = Math.max(Math.abs(range), Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])));
            }
        }
        return mma(tr, period);
    }

    /** The value {@code bars} bars ago (the first value repeats at the start, like ta4j's PreviousValueIndicator). */
    public static double[] previous(double[] in, int bars) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[Math.max(0, i - bars)];
        }
        return out;
    }

    /** Rate of change in percent over {@code period} bars. */
    public static double[] roc(double[] in, int period) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double base = in[Math.max(0, i - period)];
            out[i] = (in[i] - base) / base * 100;
        }
        return out;
    }

    public static double[] scaledSum(double[] a, double[] b, double k) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i] * k;
        }
        return out;
    }

    /** Stochastic %K: where the close sits between the lowest low and highest high of {@code period} bars, 0..100. */
    public static double[] stochK(double[] high, double[] low, double[] close, int period) {
        double[] hh = highest(high, period);
        double[] ll = lowest(low, period);
        double[] out = new double[close.length];
        for (int i = 0; i < out.length; i++) {
            double range = hh[i] - ll[i];
            // a flat window has no position in its range; Pine gives na, which would poison sums over it, so 50
            out[i] = range == 0 ? 50 : 100 * (close[i] - ll[i]) / range;
        }
        return out;
    }

    /**
     * Pine's ta.supertrend(factor, period) on this engine's ATR: bands at hl2 ± factor·ATR that only tighten while the
     * trend lasts; returns {line, direction} with direction -1 in an up trend (line = lower band), +1 in a down trend.
     */
    public static double[][] supertrend(double[] high, double[] low, double[] close, int period, double factor) {
        int n = close.length;
        double[] atr = atr(high, low, close, period);
        double[] line = new double[n];
        double[] direction = new double[n];
        double prevUpper = 0;
        double prevLower = 0;
        for (int i = 0; i < n; i++) {
            double mid = (high[i] + low[i]) / 2;
            double upper = mid + factor * atr[i];
            double lower = mid - factor * atr[i];
            int dir;
            if (i == 0) {
                dir = 1;
            } else {
                lower = lower > prevLower || close[i - 1] < prevLower ? lower : prevLower;
                upper = upper < prevUpper || close[i - 1] > prevUpper ? upper : prevUpper;
                if (line[i - 1] == prevUpper) {
                    dir = close[i] > upper ? -1 : 1;
                } else {
                    dir = close[i] < lower ? 1 : -1;
                }
            }
            direction[i] = dir;
            line[i] = dir == -1 ? lower : upper;
            prevUpper = upper;
            prevLower = lower;
        }
        return new double[][] {line, direction};
    }
}
