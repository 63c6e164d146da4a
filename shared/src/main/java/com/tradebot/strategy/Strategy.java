package com.tradebot.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider's strategy as stored. Prices are integer cents; {@code revenueSharePercent} is the platform's share.
 * A deleted strategy keeps its history and signals ({@code deletedAt} set) but leaves the listing.
 * {@code robustness} is the latest walk-forward optimisation's score (null until the owner runs one).
 * {@code backtest} is what the strategy is backtested as (a catalogue entry or a rule document with parameters and
 * settings, see {@code BacktestDefinition}); null when the owner has not given one.
 */
public record Strategy(String id, String ownerId, String name, String description, String type, String category,
                       Map<String, Object> parameters, List<String> supportedPairs, List<String> supportedTimeframes,
                       long monthlyPriceCents, int revenueSharePercent, @JsonProperty("isActive") boolean isActive, @JsonProperty("isPublic") boolean isPublic,
                       int maxLagSeconds, StrategyStats stats, int subscriberCount, int reviewCount,
                       double ratingAverage, Instant createdAt, Instant updatedAt, Instant deletedAt,
                       StrategyRobustness robustness, Map<String, Object> backtest) {
    public static final int DEFAULT_REVENUE_SHARE_PERCENT = 20;
    public static final int DEFAULT_MAX_LAG_SECONDS = 60;

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean free() {
        return monthlyPriceCents == 0;
    }

    /** Shown in the public listing: public, active and not deleted. */
    public boolean listed() {
        return isPublic && isActive && !deleted();
    }

    public Strategy withStats(StrategyStats newStats) {
        return new Strategy(id, ownerId, name, description, type, category, parameters, supportedPairs,
                supportedTimeframes, monthlyPriceCents, revenueSharePercent, isActive, isPublic, maxLagSeconds,
                newStats, subscriberCount, reviewCount, ratingAverage, createdAt, updatedAt, deletedAt, robustness, backtest);
    }
}
