package com.tradebot.backtest.engine;

/**
 * Per-bar decisions taken on each bar's close, as {@link Bits} over {@code bars} bars; null arrays mean the side is
 * not traded.
 */
public record Signals(long[] entryLong, long[] exitLong, long[] entryShort, long[] exitShort, int warmupBars) {

    /** From one boolean per bar (tests and small callers). */
    public static Signals of(boolean[] entryLong, boolean[] exitLong, boolean[] entryShort, boolean[] exitShort,
                             int warmupBars) {
        return new Signals(bits(entryLong), bits(exitLong), bits(entryShort), bits(exitShort), warmupBars);
    }

    private static long[] bits(boolean[] flags) {
        return flags == null ? null : Bits.of(flags);
    }

    /**
     * The decisions of bars {@code [from, to)}. Indicators were computed on the whole series (they only look back),
     * so a window starting later is already warmed up by the bars before it.
     */
    public Signals range(int from, int to) {
        return new Signals(slice(entryLong, from, to), slice(exitLong, from, to), slice(entryShort, from, to),
                slice(exitShort, from, to), Math.max(0, warmupBars - from));
    }

    private static long[] slice(long[] a, int from, int to) {
        return a == null ? null : Bits.range(a, from, to);
    }
}
