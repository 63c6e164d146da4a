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
 *
 * <p>The figures are a fold over the events ({@link Tally}), so a close adds its own events to the tally stored
 * with the statistics instead of reading the strategy's whole history again: a strategy that has sent thousands of
 * signals still acknowledges a TradingView close well inside its 3-second window.
 */
public final class StatsCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;

    private StatsCalculator() {
    }

    /** The statistics of a whole event list (the same as folding it into {@link Tally#EMPTY}). */
    public static StrategyStats compute(List<TrackRecordEvent> events) {
        return Tally.EMPTY.apply(events).stats();
    }

    /** What a still-open signal announced when it was opened: all its close needs. */
    public record Opened(BigDecimal entryPrice, BigDecimal stopLoss, String side) {
    }

    /**
     * The running state behind the statistics, exact (unrounded) and through event {@code through}; {@code open}
     * holds the signals opened and not yet closed. Immutable: {@link #apply} returns a new tally.
     */
    public record Tally(int signals, int closed, int wins, int losses, BigDecimal sumR, int rCount,
                        BigDecimal grossProfit, BigDecimal grossLoss, BigDecimal equity, BigDecimal peak,
                        BigDecimal maxDrawdown, long through, Map<String, Opened> open) {
        public static final Tally EMPTY = new Tally(0, 0, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 0, Map.of());

        /** This tally with {@code events} (in sequence order, all after {@link #through}) added. */
        public Tally apply(List<TrackRecordEvent> events) {
            int signals = this.signals;
            int closed = this.closed;
            int wins = this.wins;
            int losses = this.losses;
            BigDecimal sumR = this.sumR;
            int rCount = this.rCount;
            BigDecimal grossProfit = this.grossProfit;
            BigDecimal grossLoss = this.grossLoss;
            BigDecimal equity = this.equity;
            BigDecimal peak = this.peak;
            BigDecimal maxDrawdown = this.maxDrawdown;
            long through = this.through;
            Map<String, Opened> open = new HashMap<>(this.open);
            for (TrackRecordEvent event : events) {
                if (event.sequence() <= through) {
                    continue; // already in the tally
                }
                through = event.sequence();
                switch (event.kind()) {
                    case TrackRecordEvent.OPENED -> {
                        signals++;
                        Map<String, Object> payload = event.payload();
                        open.put(event.signalId(), new Opened(decimal(payload.get("entryPrice")),
                                decimal(payload.get("stopLoss")), String.valueOf(payload.get("side"))));
                    }
                    case TrackRecordEvent.CLOSED -> {
                        Opened opened = open.get(event.signalId());
                        BigDecimal exit = decimal(event.payload().get("exitPrice"));
                        if (opened == null || exit == null || opened.entryPrice() == null) {
                            continue;
                        }
                        open.remove(event.signalId());
                        BigDecimal entry = opened.entryPrice();
                        BigDecimal stop = opened.stopLoss();
                        boolean buy = "BUY".equals(opened.side());
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
                    case TrackRecordEvent.CANCELLED -> open.remove(event.signalId());
                    default -> {
                        // updates do not change the figures
                    }
                }
            }
            return new Tally(signals, closed, wins, losses, sumR, rCount, grossProfit, grossLoss, equity, peak,
                    maxDrawdown, through, Map.copyOf(open));
        }

        /** The published figures, rounded to 2 decimals. */
        public StrategyStats stats() {
            BigDecimal winRate = closed == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(wins).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(closed), 2, RoundingMode.HALF_UP);
            BigDecimal averageR = rCount == 0 ? BigDecimal.ZERO
                    : sumR.divide(BigDecimal.valueOf(rCount), 2, RoundingMode.HALF_UP);
            BigDecimal profitFactor = grossLoss.signum() == 0 ? null
                    : grossProfit.divide(grossLoss, 2, RoundingMode.HALF_UP);
            return new StrategyStats(signals, closed, wins, losses, winRate, averageR,
                    equity.subtract(BigDecimal.ONE).multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP),
                    maxDrawdown.setScale(2, RoundingMode.HALF_UP), profitFactor, through);
        }
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
