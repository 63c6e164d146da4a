package com.tradebot.backtest;

import com.tradebot.backtest.engine.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one backtest returns: metrics, every trade and the equity curve (thinned to at most {@value #MAX_CURVE_POINTS} points). */
public record BacktestResult(String exchange, String symbol, String timeframe, Instant from, Instant to, int bars,
                             Map<String, Double> parameters, Metrics metrics, List<TradeView> trades,
                             List<EquityPoint> equityCurve) {
    public static final int MAX_CURVE_POINTS = 2_000;

    public record TradeView(String side, Instant entryTime, double entryPrice, Instant exitTime, double exitPrice,
                            double size, double pnl, double fees, String exitReason) {
    }

    public record EquityPoint(Instant t, double equity) {
    }
}
