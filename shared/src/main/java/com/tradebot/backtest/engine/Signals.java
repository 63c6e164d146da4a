package com.tradebot.backtest.engine;

import java.util.Arrays;

/** Per-bar decisions taken on each bar's close; null arrays mean the side is not traded. */
public record Signals(boolean[] entryLong, boolean[] exitLong, boolean[] entryShort, boolean[] exitShort,
                      int warmupBars) {

    /**
     * The decisions of bars {@code [from, to)}. Indicators were computed on the whole series (they only look back),
     * so a window starting later is already warmed up by the bars before it.
     */
    public Signals range(int from, int to) {
        return new Signals(slice(entryLong, from, to), slice(exitLong, from, to), slice(entryShort, from, to),
                slice(exitShort, from, to), Math.max(0, warmupBars - from));
    }

    private static boolean[] slice(boolean[] a, int from, int to) {
        return a == null ? null : Arrays.copyOfRange(a, from, to);
    }
}
