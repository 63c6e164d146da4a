package com.tradebot.strategy;

import java.util.List;

/** The candle timeframes strategies and signals may name. */
public final class Timeframes {
    public static final List<String> ALL = List.of("1m", "5m", "15m", "1h", "4h", "1d");

    private Timeframes() {
    }

    public static boolean isValid(String timeframe) {
        return ALL.contains(timeframe);
    }
}
