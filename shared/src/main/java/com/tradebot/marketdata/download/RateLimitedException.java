package com.tradebot.marketdata.download;

import java.time.Duration;
import java.util.Optional;

/** The exchange asked us to slow down (HTTP 429/418, Binance -1003, Bybit 10006), maybe saying for how long. */
public final class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
