package com.tradebot.auth;

import com.tradebot.common.ApiException;
import java.time.Duration;
import java.util.OptionalLong;

/** 429 with the number of seconds the client must wait (sent as {@code Retry-After}). */
public final class TooManyAttemptsException extends ApiException {
    private final long waitSeconds;

    public TooManyAttemptsException(Duration retryAfter) {
        super(429, "TOO_MANY_ATTEMPTS", "Too many failed attempts; retry later");
        this.waitSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(waitSeconds);
    }
}
