package com.tradebot.backtest.engine;

import com.tradebot.marketdata.CandleSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs signals over bars. No look-ahead: a decision uses bar i's close and is filled at bar i+1's open; a signal on
 * the last bar is never filled. Stop-loss and take-profit are checked inside each bar on its high and low, from the
 * entry bar on; when both could have been hit in one bar the stop-loss is assumed (the worse case), and a bar that
 * opens beyond a level fills at the open. A position still open after the last bar is closed at the last close
 * (reason END_OF_DATA). All state lives in locals and primitive arrays.
 *
 * <p>This is the reference simulation (trades and the equity curve, for single runs and as the oracle of
 * {@link FusedBacktest}, which must give the same metrics bit for bit).
 */
public final class Simulator {
    private Simulator() {
    }

    public static SimulationResult run(CandleSeries bars, Signals signals, SimulationSettings s) {
        int n = bars.size();
        long[] time = bars.time();
        double[] open = bars.open();
        double[] high = bars.high();
        double[] low = bars.low();
        double[] close = bars.close();
        long[] entryLong = signals.entryLong();
        long[] exitLong = signals.exitLong();
        long[] entryShort = signals.entryShort();
        long[] exitShort = signals.exitShort();
        int warmup = Math.min(signals.warmupBars(), n);

        double[] equity = new double[n];
        List<Trade> trades = new ArrayList<>();
        double cash = s.initialCapital();
        int position = 0; // +1 long, -1 short, 0 flat
        double qty = 0;
        double entryPrice = 0;
        double entryFee = 0;
        int entryIndex = -1;
        double stopPrice = 0;
        double targetPrice = 0;
        int pending = 0; // order decided on the previous close: +1 open long, -1 open short, 2 close
        int inPosition = 0;

        for (int i = 0; i < n; i++) {
            // 1. fill the order decided on the previous close at this bar's open
            if (pending == 2 && position != 0) {
                double fill = open[i] * (1 - position * s.slippage());
                double fee = fill * qty * s.takerFee();
                cash += position * qty * (fill - entryPrice) - fee;
                trades.add(new Trade(position > 0, entryIndex, time[entryIndex], entryPrice, i, time[i], fill, qty,
                        position * qty * (fill - entryPrice) - fee - entryFee, fee + entryFee, ExitReason.SIGNAL));
                position = 0;
            } else if ((pending == 1 || pending == -1) && position == 0 && cash > 0) {
                double fill = open[i] * (1 + pending * s.slippage());
                qty = quantity(s, cash, fill);
                if (qty > 0) {
                    position = pending;
                    entryPrice = fill;
                    entryIndex = i;
                    entryFee = fill * qty * s.takerFee();
                    cash -= entryFee;
                    stopPrice = s.stopLoss() > 0 ? fill * (1 - position * s.stopLoss()) : Double.NaN;
                    targetPrice = s.takeProfit() > 0 ? fill * (1 + position * s.takeProfit()) : Double.NaN;
                }
            }
            pending = 0;

            // 2. stop-loss / take-profit inside this bar
            if (position != 0 && (stopPrice == stopPrice || targetPrice == targetPrice)) {
                boolean stopHit = stopPrice == stopPrice && (position > 0 ? low[i] <= stopPrice : high[i] >= stopPrice);
                boolean targetHit = targetPrice == targetPrice
                        && (position > 0 ? high[i] >= targetPrice : low[i] <= targetPrice);
                if (stopHit || targetHit) {
                    double fill;
                    double fee;
                    ExitReason reason;
                    if (stopHit) { // worse case first when both are inside the bar
                        double level = position > 0 ? Math.min(open[i], stopPrice) : Math.max(open[i], stopPrice);
                        if (i == entryIndex) {
                            level = stopPrice;
                        }
                        fill = level * (1 - position * s.slippage());
                        fee = fill * qty * s.takerFee();
                        reason = ExitReason.STOP_LOSS;
                    } else {
                        double level = position > 0 ? Math.max(open[i], targetPrice) : Math.min(open[i], targetPrice);
                        if (i == entryIndex) {
                            level = targetPrice;
                        }
                        fill = level;
                        fee = fill * qty * s.makerFee();
                        reason = ExitReason.TAKE_PROFIT;
                    }
                    cash += position * qty * (fill - entryPrice) - fee;
                    trades.add(new Trade(position > 0, entryIndex, time[entryIndex], entryPrice, i, time[i], fill, qty,
                            position * qty * (fill - entryPrice) - fee - entryFee, fee + entryFee, reason));
                    position = 0;
                }
            }

            // 3. decide on this bar's close, to be filled at the next open
            if (i + 1 < n && i >= warmup) {
                if (position > 0) {
                    if (exitLong != null && Bits.get(exitLong, i)) {
                        pending = 2;
                    }
                } else if (position < 0) {
                    if (exitShort != null && Bits.get(exitShort, i)) {
                        pending = 2;
                    }
                } else if (entryLong != null && Bits.get(entryLong, i)) {
                    pending = 1;
                } else if (entryShort != null && Bits.get(entryShort, i)) {
                    pending = -1;
                }
            }

            // 4. mark to market
            if (position != 0) {
                inPosition++;
                equity[i] = cash + position * qty * (close[i] - entryPrice);
            } else {
                equity[i] = cash;
            }
        }
        if (position != 0) {
            int last = n - 1;
            double fill = close[last];
            double fee = fill * qty * s.takerFee();
            cash += position * qty * (fill - entryPrice) - fee;
            trades.add(new Trade(position > 0, entryIndex, time[entryIndex], entryPrice, last, time[last], fill, qty,
                    position * qty * (fill - entryPrice) - fee - entryFee, fee + entryFee, ExitReason.END_OF_DATA));
            equity[last] = cash;
        }
        return new SimulationResult(trades, equity, inPosition, warmup);
    }

    static double quantity(SimulationSettings s, double equity, double price) {
        double maxNotional = equity * s.leverage();
        double notional = switch (s.sizing()) {
            case FRACTION -> equity * s.sizingValue() * s.leverage();
            case FIXED -> s.sizingValue() * s.leverage();
            case RISK -> s.stopLoss() > 0 ? equity * s.sizingValue() / s.stopLoss() : 0;
            case UNITS -> s.sizingValue() * price;
        };
        if (s.sizing() != SimulationSettings.Sizing.UNITS) {
            notional = Math.min(notional, maxNotional);
        }
        // all-in sizing leaves room for the entry fee so cash never goes negative on entry
        if (s.sizing() == SimulationSettings.Sizing.FRACTION && notional * (1 + s.takerFee()) > maxNotional) {
            notional = maxNotional / (1 + s.takerFee());
        }
        return notional / price;
    }
}
