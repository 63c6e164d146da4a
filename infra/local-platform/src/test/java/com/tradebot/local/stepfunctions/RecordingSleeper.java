package com.tradebot.local.stepfunctions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records requested delays and advances a fake clock instead of sleeping. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    RecordingSleeper(Instant start) {
        this.now = start;
    }

    @Override
    public void sleep(Duration duration) {
        delays.add(duration);
        now = now.plus(duration);
    }

    List<Long> delaySeconds() {
        return delays.stream().map(Duration::toSeconds).toList();
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    ExecutionOptions options() {
        return ExecutionOptions.defaults().withSleeper(this).withClock(clock());
    }
}
