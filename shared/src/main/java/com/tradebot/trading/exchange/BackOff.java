package com.tradebot.trading.exchange;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries a call the exchange refused with {@link ExchangeError#RATE_LIMITED}: waits what the exchange asked
 * ({@code Retry-After}) or else an exponentially growing pause, and gives up after {@code maxAttempts}. Only rate
 * limits are retried: the exchange refused those requests before acting on them, so a retried order cannot double.
 */
public final class BackOff {
    /** Sleeps; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration firstPause;
    private final Duration maxPause;
    private final Sleeper sleeper;

    public BackOff(int maxAttempts, Duration firstPause, Duration maxPause, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.sleeper = sleeper;
    }

    /** 4 attempts, 250 ms doubling up to 4 s: fits in a Lambda invocation and under an SQS visibility timeout. */
    public static BackOff standard() {
        return new BackOff(4, Duration.ofMillis(250), Duration.ofSeconds(4), d -> Thread.sleep(d.toMillis()));
    }

    public static BackOff none() {
        return new BackOff(1, Duration.ZERO, Duration.ZERO, d -> { });
    }

    public <T> T call(Supplier<T> call) {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ExchangeException e) {
                if (e.error() != ExchangeError.RATE_LIMITED || attempt >= maxAttempts) {
                    throw e;
                }
                Duration planned = pause;
                Duration wait = e.retryAfter().filter(asked -> asked.compareTo(planned) > 0).orElse(planned);
                if (wait.compareTo(maxPause) > 0) {
                    // the exchange wants us away for longer than a call may take: give the caller the error
                    if (e.retryAfter().isPresent()) {
                        throw e;
                    }
                    wait = maxPause;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
            }
        }
    }
}
