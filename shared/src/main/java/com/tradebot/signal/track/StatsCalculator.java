package com.tradebot.signal.track;

import com.tradebot.strategy.StrategyStats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider statistics from the track-record events alone: a signal counts once it was opened; its result comes from
 * its close event (exit against entry, by side) and its R multiple from the stop it was opened with (the risk it
 * announced). Cancelled signals have no result. Returns compound in order of closing.
 */
public final class StatsCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;

    private StatsCalculator() {
    }

    public static StrategyStats compute(List<TrackRecordEvent> events) {
        Map<String, Map<String, Object>> opened = new HashMap<>();
        int signals = 0;
        int closed = 0;
        int wins = 0;
        int losses = 0;
        BigDecimal sumR = BigDecimal.ZERO;
        int rCount = 0;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        BigDecimal equity = BigDecimal.ONE;
        BigDecimal peak = BigDecimal.ONE;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        long through = 0;
        for (TrackRecordEvent event : events) {
            through = event.sequence();
            switch (event.kind()) {
                case TrackRecordEvent.OPENED -> {
                    signals++;
                    opened.put(event.signalId(), event.payload());
                }
                case TrackRecordEvent.CLOSED -> {
                    Map<String, Object> open = opened.get(event.signalId());
                    BigDecimal exit = decimal(event.payload().get("exitPrice"));
                    if (open == null || exit == null) {
                        continue;
                    }
                    BigDecimal entry = decimal(open.get("entryPrice"));
                    BigDecimal stop = decimal(open.get("stopLoss"));
                    boolean buy = "BUY".equals(open.get("side"));
                    BigDecimal move = buy ? exit.subtract(entry) : entry.subtract(exit);
                    BigDecimal returnPercent = move.multiply(HUNDRED).divide(entry, MC);
                    closed++;
                    if (move.signum() > 0) {
                        wins++;
                        grossProfit = grossProfit.add(returnPercent);
                    } else if (move.signum() < 0) {
                        losses++;
                        grossLoss = grossLoss.add(returnPercent.negate());
                    }
                    BigDecimal risk = stop == null ? BigDecimal.ZERO : entry.subtract(stop).abs();
                    if (risk.signum() > 0) {
                        sumR = sumR.add(move.divide(risk, MC));
                        rCount++;
                    }
                    equity = equity.multiply(BigDecimal.ONE.add(returnPercent.divide(HUNDRED, MC)), MC);
                    if (equity.compareTo(peak) > 0) {
                        peak = equity;
                    }
                    BigDecimal drawdown = peak.subtract(equity).multiply(HUNDRED).divide(peak, MC);
                    if (drawdown.compareTo(maxDrawdown) > 0) {
                        maxDrawdown = drawdown;
                    }
                }
                default -> {
                    // updates and cancellations do not change the figures
                }
            }
        }
        BigDecimal winRate = closed == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(wins).multiply(HUNDRED).divide(BigDecimal.valueOf(closed), 2, RoundingMode.HALF_UP);
        BigDecimal averageR = rCount == 0 ? BigDecimal.ZERO
                : sumR.divide(BigDecimal.valueOf(rCount), 2, RoundingMode.HALF_UP);
        BigDecimal profitFactor = grossLoss.signum() == 0 ? null : grossProfit.divide(grossLoss, 2, RoundingMode.HALF_UP);
        return new StrategyStats(signals, closed, wins, losses, winRate, averageR,
                equity.subtract(BigDecimal.ONE).multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP),
                maxDrawdown.setScale(2, RoundingMode.HALF_UP), profitFactor, through);
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
