package com.tradebot.strategy;

import java.math.BigDecimal;

/**
 * A listing request: filters (all optional) and a sort, each sort served by its own index partition.
 * Prices are in cents; {@code minWinRate} in percent.
 */
public record StrategyQuery(String category, String pair, String timeframe, Long minPriceCents, Long maxPriceCents,
                            BigDecimal minWinRate, Sort sort, boolean ascending, int limit, String cursor) {
    public enum Sort { NEWEST, SUBSCRIBERS, RETURN, RATING, PRICE }
}
