package com.tradebot.signal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trading signal of a strategy. {@code takeProfit} is the first level of {@code takeProfits} (the seed's single
 * field); {@code exitPrice} and {@code resultPercent} are set once it ends. {@code sequence} is the track-record
 * sequence number of the signal's latest event.
 */
public record Signal(String id, String strategyId, String ownerId, String type, String pair, String exchange,
                     String timeframe, String side, BigDecimal entryPrice, BigDecimal stopLoss,
                     BigDecimal takeProfit, List<TakeProfit> takeProfits, int leverage, BigDecimal riskRewardRatio,
                     Map<String, Object> indicators, SignalStatus status, BigDecimal exitPrice,
                     BigDecimal resultPercent, String source, long sequence, Instant createdAt, Instant updatedAt,
                     Instant closedAt) {

    public boolean buy() {
        return "BUY".equals(side);
    }

    public Signal withState(SignalStatus newStatus, BigDecimal newStopLoss, List<TakeProfit> newTakeProfits,
                            BigDecimal newRiskReward, BigDecimal newExitPrice, BigDecimal newResult, long newSequence,
                            Instant now) {
        return new Signal(id, strategyId, ownerId, type, pair, exchange, timeframe, side, entryPrice, newStopLoss,
                newTakeProfits.isEmpty() ? null : newTakeProfits.get(0).price(), newTakeProfits, leverage,
                newRiskReward, indicators, newStatus, newExitPrice, newResult, source, newSequence, createdAt, now,
                newStatus.terminal() ? now : closedAt);
    }
}
