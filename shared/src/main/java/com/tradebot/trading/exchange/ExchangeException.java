package com.tradebot.trading.exchange;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed exchange call, classified. The message is the exchange's own explanation with no request data, so it
 * is safe to log and to show; it never carries credentials or signatures.
 */
public class ExchangeException extends RuntimeException {
    private final ExchangeError error;
    private final Duration retryAfter;

    public ExchangeException(ExchangeError error, String message) {
        this(error, message, null);
    }

    public ExchangeException(ExchangeError error, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ExchangeError error() {
        return error;
    }

    /** How long the exchange asked us to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "ExchangeException[" + error + ": " + getMessage() + "]";
    }
}
