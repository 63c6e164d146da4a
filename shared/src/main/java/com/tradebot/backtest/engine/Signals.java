package com.tradebot.backtest.engine;

/** Per-bar decisions taken on each bar's close; null arrays mean the side is not traded. */
public record Signals(boolean[] entryLong, boolean[] exitLong, boolean[] entryShort, boolean[] exitShort,
                      int warmupBars) {
}
