package com.tradebot.notification.channel;

import java.util.function.LongSupplier;

/**
 * A token bucket per channel and worker instance (the notify function runs with reserved concurrency 1, so this is
 * the channel's whole rate): Telegram allows ~30 messages/s per bot, Discord 5 requests per 2 s per webhook.
 * Hand-written because it is ten lines; a library (Bucket4j, Guava) would be the whole dependency for it.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
