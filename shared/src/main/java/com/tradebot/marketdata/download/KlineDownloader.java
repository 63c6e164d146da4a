package com.tradebot.marketdata.download;

import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;
import java.time.Duration;

/**
 * Downloads a period page by page (windows of at most {@code maxLimit} bars, so an exchange never has to choose
 * which bars of a window to drop) and backs off when rate-limited: the exchange's Retry-After when it gives one,
 * else 1 s, 2 s, 4 s ... capped at 60 s, giving up after {@code maxRetries} consecutive refusals.
 */
public final class KlineDownloader {
    /** Waits; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final KlinePage source;
    private final Sleeper sleeper;
    private final int maxRetries;

    public KlineDownloader(KlinePage source, Sleeper sleeper, int maxRetries) {
        this.source = source;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
    }

    public KlineDownloader(KlinePage source) {
        this(source, d -> Thread.sleep(d.toMillis()), 6);
    }

    /** Bars with open time in {@code [fromMs, toMs)}. */
    public CandleSeries download(MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs)
            throws IOException, InterruptedException {
        long step = timeframe.millis();
        long cursor = Math.floorDiv(fromMs + step - 1, step) * step;
        int limit = source.maxLimit();
        CandleSeries all = CandleSeries.empty(timeframe);
        while (cursor < toMs) {
            long windowEnd = Math.min(toMs - 1, cursor + (limit - 1) * step);
            CandleSeries page = fetchWithBackOff(symbol, timeframe, cursor, windowEnd, limit);
            all = all.merge(page.between(cursor, windowEnd + 1));
            cursor += limit * step;
        }
        return all;
    }

    private CandleSeries fetchWithBackOff(MarketSymbol symbol, Timeframe timeframe, long from, long to, int limit)
            throws IOException, InterruptedException {
        Duration backOff = Duration.ofSeconds(1);
        for (int attempt = 0; ; attempt++) {
            try {
                return source.fetch(symbol, timeframe, from, to, limit);
            } catch (RateLimitedException e) {
                if (attempt >= maxRetries) {
                    throw new IOException(source.exchange() + " kept refusing (rate limit) after " + maxRetries
                            + " retries: " + e.getMessage());
                }
                sleeper.sleep(e.retryAfter().orElse(backOff));
                backOff = backOff.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
                        : backOff.multipliedBy(2);
            }
        }
    }
}
