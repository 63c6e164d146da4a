package com.tradebot.trading.exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link BackOff.Sleeper} that records the pauses instead of sleeping. */
public final class RecordingSleeper implements BackOff.Sleeper {
    public final List<Duration> pauses = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
    }

    public BackOff backOff(int attempts) {
        return new BackOff(attempts, Duration.ofMillis(100), Duration.ofSeconds(5), this);
    }
}
