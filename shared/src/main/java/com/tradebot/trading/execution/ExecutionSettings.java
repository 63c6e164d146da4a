package com.tradebot.trading.execution;

import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.risk.RiskSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A subscriber's auto-trading settings for one subscription (issue 18 §4). {@code exchangeKeyId} is required for
 * LIVE; {@code paperEquity} is the simulated account of PAPER; {@code exchange} is where PAPER reads its prices
 * (LIVE trades on the key's exchange).
 *
 * @param feeBps taker fee assumed for PnL (paper fills, and the estimate of live fees until fills are read back)
 */
public record ExecutionSettings(String subscriptionId, String userId, String strategyId, boolean autoTrade,
                                ExecutionMode mode, String exchangeKeyId, String exchange, String market,
                                BigDecimal riskPercent, int maxLeverage, int maxOpenPositions,
                                long dailyLossLimitCents, List<String> allowedPairs, int priceBandBps,
                                int entryTimeoutSeconds, boolean marketFirstEntry, BigDecimal paperEquity,
                                int feeBps, Instant updatedAt) {

    public Market marketValue() {
        return Market.parse(market).orElse(Market.SPOT);
    }

    public RiskSettings riskSettings() {
        return new RiskSettings(autoTrade, exchangeKeyId, riskPercent, maxLeverage, maxOpenPositions,
                dailyLossLimitCents, allowedPairs == null ? Set.of() : Set.copyOf(allowedPairs), priceBandBps,
                Duration.ofSeconds(entryTimeoutSeconds), marketFirstEntry);
    }
}
