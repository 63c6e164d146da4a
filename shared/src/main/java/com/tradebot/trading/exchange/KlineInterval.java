package com.tradebot.trading.exchange;

import java.time.Duration;
import java.util.Optional;

/** Candle intervals every supported exchange offers, with the platform's spelling ({@code 1m} ... {@code 1d}). */
public enum KlineInterval {
    M1("1m", Duration.ofMinutes(1)), M5("5m", Duration.ofMinutes(5)), M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)), H1("1h", Duration.ofHours(1)), H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final Duration length;

    KlineInterval(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    public String code() {
        return code;
    }

    public Duration length() {
        return length;
    }

    public static Optional<KlineInterval> parse(String code) {
        for (KlineInterval interval : values()) {
            if (interval.code.equalsIgnoreCase(code)) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }
}
