package com.tradebot.strategy;

import java.math.BigDecimal;

/**
 * Provider statistics, computed from the strategy's track-record events only (never typed in).
 * Percentages are in percent (12.5 = 12.5 %); {@code profitFactor} is null while there is no losing signal.
 */
public record StrategyStats(int signals, int closedSignals, int wins, int losses, BigDecimal winRate,
                            BigDecimal averageR, BigDecimal cumulativeReturn, BigDecimal maxDrawdown,
                            BigDecimal profitFactor, long throughSequence) {
    public static final StrategyStats EMPTY = new StrategyStats(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, null, 0);
}
