package com.tradebot.trading.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * A subscriber's auto-trading settings for one subscription.
 *
 * @param riskPercent         share of equity lost if the stop is hit, in percent (e.g. 1 = 1 %)
 * @param dailyLossLimitCents realised loss (quote currency, in cents) after which no new trade opens today;
 *                            0 = no limit
 * @param allowedPairs        pairs as {@code BTC/USDT}; empty = all
 * @param priceBandBps        half-width of the entry band around the signal's entry, in basis points
 * @param entryTimeout        how long after the signal an entry may still be placed (and an unfilled one stands)
 * @param marketFirstEntry    enter at market when the price is inside the band, instead of a limit order
 */
public record RiskSettings(boolean autoTrade, String exchangeKeyId, BigDecimal riskPercent, int maxLeverage,
                           int maxOpenPositions, long dailyLossLimitCents, Set<String> allowedPairs,
                           int priceBandBps, Duration entryTimeout, boolean marketFirstEntry) {
    public RiskSettings {
        allowedPairs = allowedPairs == null ? Set.of() : Set.copyOf(allowedPairs);
    }
}
