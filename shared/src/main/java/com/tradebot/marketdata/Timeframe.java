package com.tradebot.marketdata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Bar durations the platform stores and resamples between. */
public enum Timeframe {
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    M30("30m", 1_800_000L),
    H1("1h", 3_600_000L),
    H4("4h", 14_400_000L),
    D1("1d", 86_400_000L);

    private final String code;
    private final long millis;

    Timeframe(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    public String code() {
        return code;
    }

    public long millis() {
        return millis;
    }

    /** True when bars of this timeframe can be built from whole bars of {@code finer}. */
    public boolean isMultipleOf(Timeframe finer) {
        return millis >= finer.millis && millis % finer.millis == 0;
    }

    public static Optional<Timeframe> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.code.equals(wanted)).findFirst();
    }

    public static Timeframe parse(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "Unknown timeframe '" + code + "' (one of 1m, 5m, 15m, 30m, 1h, 4h, 1d)"));
    }

    @Override
    public String toString() {
        return code;
    }
}
