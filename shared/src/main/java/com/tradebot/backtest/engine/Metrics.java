package com.tradebot.backtest.engine;

import com.tradebot.marketdata.CandleSeries;
import java.util.List;

/**
 * Performance figures of one simulation. Ratios are fractions (roi 0.12 = +12 %). Sharpe and Sortino use per-bar
 * returns of the equity curve (risk-free rate 0) annualised with the number of bars in 365 days; CAGR uses calendar
 * time from the first to the last bar. profitFactor is null when there is no losing trade.
 */
public record Metrics(int totalTrades, double winRate, double roi, double cagr, double sharpeRatio,
                     double sortinoRatio, double maxDrawdown, long maxDrawdownDurationMs, int maxDrawdownDurationBars,
                     Double profitFactor, double expectancy, double averageWin, double averageLoss, double exposure,
                     double buyAndHoldReturn, double netProfit, double totalFees, double finalEquity) {

    private static final double YEAR_MS = 365.0 * 86_400_000L;

    public static Metrics of(CandleSeries bars, SimulationResult r, double initialCapital) {
        List<Trade> trades = r.trades();
        double[] eq = r.equity();
        int n = eq.length;
        int wins = 0;
        int losses = 0;
        double grossWin = 0;
        double grossLoss = 0;
        double fees = 0;
        for (Trade t : trades) {
            fees += t.fees();
            if (t.pnl() > 0) {
                wins++;
                grossWin += t.pnl();
            } else if (t.pnl() < 0) {
                losses++;
                grossLoss -= t.pnl();
            }
        }
        int total = trades.size();
        double finalEquity = n == 0 ? initialCapital : eq[n - 1];

        // per-bar returns
        double sum = 0;
        double sumSq = 0;
        double downSq = 0;
        double previous = initialCapital;
        for (int i = 0; i < n; i++) {
            double ret = previous == 0 ? 0 : eq[i] / previous - 1;
            sum += ret;
            sumSq += ret * ret;
            if (ret < 0) {
                downSq += ret * ret;
            }
            previous = eq[i];
        }

        // drawdown: deepest fall from a running peak, and the longest time spent below a peak
        double peak = initialCapital;
        int peakIndex = -1;
        double maxDd = 0;
        int longest = 0;
        for (int i = 0; i < n; i++) {
            if (eq[i] >= peak) {
                peak = eq[i];
                peakIndex = i;
            } else {
                maxDd = Math.max(maxDd, (peak - eq[i]) / peak);
                longest = Math.max(longest, i - peakIndex);
            }
        }
        return assemble(bars, 0, n, initialCapital, finalEquity, total, wins, losses, grossWin, grossLoss, fees,
                sum, sumSq, downSq, maxDd, longest, r.barsInPosition());
    }

    /**
     * The figures from the sums of one pass over bars {@code [from, from + n)} of {@code bars}: shared by
     * {@link #of} and {@link FusedBacktest} so both derive them with the same operations.
     */
    static Metrics assemble(CandleSeries bars, int from, int n, double initialCapital, double finalEquity, int total,
                            int wins, int losses, double grossWin, double grossLoss, double fees, double sum,
                            double sumSq, double downSq, double maxDd, int longest, int barsInPosition) {
        double roi = finalEquity / initialCapital - 1;
        long tf = bars.timeframe().millis();
        double years = n < 2 ? 0 : (bars.time()[from + n - 1] - bars.time()[from] + tf) / YEAR_MS;
        double cagr = years <= 0 || finalEquity <= 0 ? (finalEquity <= 0 ? -1 : 0)
                : Math.pow(finalEquity / initialCapital, 1 / years) - 1;
        double barsPerYear = YEAR_MS / tf;
        double mean = n == 0 ? 0 : sum / n;
        double std = n < 2 ? 0 : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
        double downside = n == 0 ? 0 : Math.sqrt(downSq / n);
        double sharpe = std == 0 ? 0 : mean / std * Math.sqrt(barsPerYear);
        double sortino = downside == 0 ? 0 : mean / downside * Math.sqrt(barsPerYear);
        double buyAndHold = n == 0 ? 0 : bars.close()[from + n - 1] / bars.open()[from] - 1;
        return new Metrics(total, total == 0 ? 0 : (double) wins / total, roi, cagr, sharpe, sortino, maxDd,
                longest * tf, longest, grossLoss == 0 ? null : grossWin / grossLoss,
                total == 0 ? 0 : (grossWin - grossLoss) / total, wins == 0 ? 0 : grossWin / wins,
                losses == 0 ? 0 : -grossLoss / losses, n == 0 ? 0 : (double) barsInPosition / n, buyAndHold,
                finalEquity - initialCapital, fees, finalEquity);
    }
}
