package com.tradebot.local.stepfunctions;

import java.time.Duration;

/** Waits for Wait states and Retry delays; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Real sleeping, scaled (0.01 makes a 10 s wait last 100 ms for demos). */
    static Sleeper real(double timeScale) {
        return duration -> {
            long millis = Math.round(duration.toMillis() * timeScale);
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
    }
}
