package com.tradebot.backtest.engine;

import com.tradebot.marketdata.CandleSeries;

/**
 * {@link Simulator} and {@link Metrics} fused into one pass for sweeps: no trade objects, no equity array, and the
 * metric sums accumulated bar by bar as the simulation goes. While flat with nothing pending the equity is constant,
 * so such stretches are not walked bar by bar: a bit scan finds the next entry signal and the stretch is accounted
 * in O(1) (its per-bar returns are exactly 0; the drawdown loop's outcome over a constant stretch is known).
 *
 * <p>The result equals {@code Metrics.of(part, Simulator.run(part, signals.range(from, to), s), capital)} bit for bit
 * ({@code FusedBacktestTest} checks it on the real data sets with fees, slippage, stops, shorts and every sizing).
 * The per-bar steps below therefore repeat the Simulator's arithmetic expression for expression; keep them in step.
 */
public final class FusedBacktest {
    private FusedBacktest() {
    }

    /** Metrics of bars {@code [from, to)} of {@code bars}, whose signals cover the whole series. */
    public static Metrics run(CandleSeries bars, Signals signals, SimulationSettings s, int from, int to) {
        int m = to - from;
        double[] open = bars.open();
        double[] high = bars.high();
        double[] low = bars.low();
        double[] close = bars.close();
        long[] entryLong = signals.entryLong();
        long[] exitLong = signals.exitLong();
        long[] entryShort = signals.entryShort();
        long[] exitShort = signals.exitShort();
        int warmup = from + Math.min(Math.max(0, signals.warmupBars() - from), m); // absolute index
        double initial = s.initialCapital();
        double slippage = s.slippage();
        double takerFee = s.takerFee();
        double makerFee = s.makerFee();
        boolean stops = s.stopLoss() > 0 || s.takeProfit() > 0;

        // simulation state (as in Simulator)
        double cash = initial;
        int position = 0;
        double qty = 0;
        double entryPrice = 0;
        double entryFee = 0;
        int entryIndex = -1;
        double stopPrice = 0;
        double targetPrice = 0;
        int pending = 0;
        int inPosition = 0;
        // trade sums (as in Metrics.of, in trade order)
        int total = 0;
        int wins = 0;
        int losses = 0;
        double grossWin = 0;
        double grossLoss = 0;
        double fees = 0;
        // equity-curve sums (as in Metrics.of, in bar order); indexes relative to from
        double previous = initial;
        double sum = 0;
        double sumSq = 0;
        double downSq = 0;
        double peak = initial;
        int peakIndex = -1;
        double maxDd = 0;
        int longest = 0;

        int last = to - 1;
        int i = from;
        while (i < to) {
            if (position == 0 && pending == 0) {
                // flat, nothing pending: equity stays at cash until the bar after the next entry decision
                int j = nextEntry(entryLong, entryShort, Math.max(i, warmup), last);
                int end = Math.min(j, last);
                double eq = cash;
                double ret = previous == 0 ? 0 : eq / previous - 1;
                double again = eq == 0 ? 0 : eq / eq - 1; // the return of every later bar of the stretch
                if (again != 0 || ret != ret) {
                    // not expected with finite equity; walk the stretch to stay exact anyway
                    for (int k = i; k <= end; k++) {
                        double r = previous == 0 ? 0 : eq / previous - 1;
                        sum += r;
                        sumSq += r * r;
                        if (r < 0) {
                            downSq += r * r;
                        }
                        previous = eq;
                    }
                } else {
                    sum += ret;
                    sumSq += ret * ret;
                    if (ret < 0) {
                        downSq += ret * ret;
                    }
                    previous = eq;
                }
                if (eq >= peak) {
                    peak = eq;
                    peakIndex = end - from;
                } else {
                    maxDd = Math.max(maxDd, (peak - eq) / peak);
                    longest = Math.max(longest, end - from - peakIndex);
                }
                if (j >= last) {
                    break;
                }
                pending = entryLong != null && Bits.get(entryLong, j) ? 1 : -1;
                i = j + 1;
                continue;
            }

            if (!stops && position != 0 && pending == 0 && i < last) {
                // in a position without stops, with nothing pending: only the mark to market changes until the bar
                // whose close decides the exit; walk that stretch in a tight loop (same expressions as below)
                long[] exits = position > 0 ? exitLong : exitShort;
                int j = exits == null ? last : Bits.next(exits, Math.max(i, warmup), last);
                int end = j < last ? j : last - 1;
                double pq = position * qty;
                for (int k = i; k <= end; k++) {
                    double eq = cash + pq * (close[k] - entryPrice);
                    double ret = previous == 0 ? 0 : eq / previous - 1;
                    sum += ret;
                    sumSq += ret * ret;
                    if (ret < 0) {
                        downSq += ret * ret;
                    }
                    previous = eq;
                    if (eq >= peak) {
                        peak = eq;
                        peakIndex = k - from;
                    } else {
                        maxDd = Math.max(maxDd, (peak - eq) / peak);
                        longest = Math.max(longest, k - from - peakIndex);
                    }
                }
                inPosition += end - i + 1;
                if (j < last) {
                    pending = 2;
                }
                i = end + 1;
                continue;
            }

            // 1. fill the order decided on the previous close at this bar's open
            if (pending == 2 && position != 0) {
                double fill = open[i] * (1 - position * slippage);
                double fee = fill * qty * takerFee;
                cash += position * qty * (fill - entryPrice) - fee;
                double pnl = position * qty * (fill - entryPrice) - fee - entryFee;
                total++;
                fees += fee + entryFee;
                if (pnl > 0) {
                    wins++;
                    grossWin += pnl;
                } else if (pnl < 0) {
                    losses++;
                    grossLoss -= pnl;
                }
                position = 0;
            } else if ((pending == 1 || pending == -1) && position == 0 && cash > 0) {
                double fill = open[i] * (1 + pending * slippage);
                qty = quantity(s, cash, fill);
                if (qty > 0) {
                    position = pending;
                    entryPrice = fill;
                    entryIndex = i;
                    entryFee = fill * qty * takerFee;
                    cash -= entryFee;
                    stopPrice = s.stopLoss() > 0 ? fill * (1 - position * s.stopLoss()) : Double.NaN;
                    targetPrice = s.takeProfit() > 0 ? fill * (1 + position * s.takeProfit()) : Double.NaN;
                }
            }
            pending = 0;

            // 2. stop-loss / take-profit inside this bar
            if (stops && position != 0 && (stopPrice == stopPrice || targetPrice == targetPrice)) {
                boolean stopHit = stopPrice == stopPrice && (position > 0 ? low[i] <= stopPrice : high[i] >= stopPrice);
                boolean targetHit = targetPrice == targetPrice
                        && (position > 0 ? high[i] >= targetPrice : low[i] <= targetPrice);
                if (stopHit || targetHit) {
                    double fill;
                    double fee;
                    if (stopHit) {
                        double level = position > 0 ? Math.min(open[i], stopPrice) : Math.max(open[i], stopPrice);
                        if (i == entryIndex) {
                            level = stopPrice;
                        }
                        fill = level * (1 - position * slippage);
                        fee = fill * qty * takerFee;
                    } else {
                        double level = position > 0 ? Math.max(open[i], targetPrice) : Math.min(open[i], targetPrice);
                        if (i == entryIndex) {
                            level = targetPrice;
                        }
                        fill = level;
                        fee = fill * qty * makerFee;
                    }
                    cash += position * qty * (fill - entryPrice) - fee;
                    double pnl = position * qty * (fill - entryPrice) - fee - entryFee;
                    total++;
                    fees += fee + entryFee;
                    if (pnl > 0) {
                        wins++;
                        grossWin += pnl;
                    } else if (pnl < 0) {
                        losses++;
                        grossLoss -= pnl;
                    }
                    position = 0;
                }
            }

            // 3. decide on this bar's close, to be filled at the next open
            if (i < last && i >= warmup) {
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

            // 4. mark to market; a position still open after the last bar closes at its close
            double eq;
            if (position != 0) {
                inPosition++;
                eq = cash + position * qty * (close[i] - entryPrice);
                if (i == last) {
                    double fill = close[i];
                    double fee = fill * qty * takerFee;
                    cash += position * qty * (fill - entryPrice) - fee;
                    double pnl = position * qty * (fill - entryPrice) - fee - entryFee;
                    total++;
                    fees += fee + entryFee;
                    if (pnl > 0) {
                        wins++;
                        grossWin += pnl;
                    } else if (pnl < 0) {
                        losses++;
                        grossLoss -= pnl;
                    }
                    position = 0;
                    eq = cash;
                }
            } else {
                eq = cash;
            }
            double ret = previous == 0 ? 0 : eq / previous - 1;
            sum += ret;
            sumSq += ret * ret;
            if (ret < 0) {
                downSq += ret * ret;
            }
            previous = eq;
            if (eq >= peak) {
                peak = eq;
                peakIndex = i - from;
            } else {
                maxDd = Math.max(maxDd, (peak - eq) / peak);
                longest = Math.max(longest, i - from - peakIndex);
            }
            i++;
        }
        double finalEquity = m == 0 ? initial : previous;
        return Metrics.assemble(bars, from, m, initial, finalEquity, total, wins, losses, grossWin, grossLoss, fees,
                sum, sumSq, downSq, maxDd, longest, inPosition);
    }

    /** The first bar in {@code [from, last)} with an entry signal on either side, or {@code last} when none. */
    private static int nextEntry(long[] entryLong, long[] entryShort, int from, int last) {
        if (entryShort == null) {
            return entryLong == null ? last : Bits.next(entryLong, from, last);
        }
        if (entryLong == null) {
            return Bits.next(entryShort, from, last);
        }
        return Math.min(Bits.next(entryLong, from, last), Bits.next(entryShort, from, last));
    }

    /** Same sizing as {@link Simulator} (kept identical: the results must match bit for bit). */
    private static double quantity(SimulationSettings s, double equity, double price) {
        return Simulator.quantity(s, equity, price);
    }
}
