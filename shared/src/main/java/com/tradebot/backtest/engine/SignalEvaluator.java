package com.tradebot.backtest.engine;

import com.tradebot.backtest.rules.Ast;
import com.tradebot.backtest.rules.IndicatorType;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import java.util.Map;

/**
 * Evaluates a {@link StrategyDefinition} with bound parameters over a series, column by column: every condition node
 * becomes a boolean array in one tight loop, indicators come from the shared {@link IndicatorCache}.
 */
public final class SignalEvaluator {
    private final IndicatorCache cache;
    private final CandleSeries series;
    private final int n;

    public SignalEvaluator(IndicatorCache cache) {
        this.cache = cache;
        this.series = cache.series();
        this.n = series.size();
    }

    public Signals evaluate(StrategyDefinition def, Map<String, Double> params, Direction direction) {
        boolean longs = direction != Direction.SHORT && def.canGoLong();
        boolean shorts = direction != Direction.LONG && def.canGoShort();
        int warmup = 0;
        for (Ast.Indicator ind : def.indicators().values()) {
            warmup = Math.max(warmup, warmup(def, ind, params));
        }
        return new Signals(
                longs ? condition(def, def.entryLong(), params) : null,
                longs ? condition(def, def.exitLong(), params) : null,
                shorts ? condition(def, def.entryShort(), params) : null,
                shorts ? condition(def, def.exitShort(), params) : null,
                warmup);
    }

    /** Bars before which an indicator is not yet meaningful: its length plus that of its input chain. */
    static int warmup(StrategyDefinition def, Ast.Operand operand, Map<String, Double> params) {
        if (operand instanceof Ast.IndicatorRef ref) {
            return warmup(def, def.indicators().get(ref.id()), params);
        }
        if (operand instanceof Ast.Indicator ind) {
            int own = 0;
            for (Map.Entry<String, Ast.Value> arg : ind.args().entrySet()) {
                if (!arg.getKey().equals("k")) {
                    own = Math.max(own, (int) arg.getValue().resolve(params));
                }
            }
            return own + (ind.input() == null ? 0 : warmup(def, ind.input(), params));
        }
        return 0;
    }

    private long[] condition(StrategyDefinition def, Ast.Condition c, Map<String, Double> params) {
        if (c == null) {
            return Bits.create(n);
        }
        // leaf conditions come from the cache (shared across parameter sets, never written to); and/or/not
        // always write a fresh array, one word (64 bars) at a time
        if (c instanceof Ast.All all) {
            long[] out = condition(def, all.conditions().get(0), params).clone();
            for (int k = 1; k < all.conditions().size(); k++) {
                long[] next = condition(def, all.conditions().get(k), params);
                for (int w = 0; w < out.length; w++) {
                    out[w] &= next[w];
                }
            }
            return out;
        }
        if (c instanceof Ast.Any any) {
            long[] out = condition(def, any.conditions().get(0), params).clone();
            for (int k = 1; k < any.conditions().size(); k++) {
                long[] next = condition(def, any.conditions().get(k), params);
                for (int w = 0; w < out.length; w++) {
                    out[w] |= next[w];
                }
            }
            return out;
        }
        if (c instanceof Ast.Not not) {
            long[] inner = condition(def, not.condition(), params);
            long[] out = new long[inner.length];
            for (int w = 0; w < out.length; w++) {
                out[w] = ~inner[w];
            }
            Bits.clearTail(out, n);
            return out;
        }
        if (c instanceof Ast.Compare cmp) {
            String key = cmp.op() + "(" + key(def, cmp.left(), params) + "," + key(def, cmp.right(), params) + ")";
            return cache.condition(key, () ->
                    compare(cmp.op(), values(def, cmp.left(), params), values(def, cmp.right(), params)));
        }
        Ast.Cross cross = (Ast.Cross) c;
        String key = (cross.up() ? "CROSSUP(" : "CROSSDOWN(") + key(def, cross.left(), params) + ","
                + key(def, cross.right(), params) + ")";
        return cache.condition(key, () -> {
            double[] a = values(def, cross.left(), params);
            double[] b = values(def, cross.right(), params);
            return cross.up() ? crossedUp(a, b) : crossedUp(b, a);
        });
    }

    /** One pass per operator, 64 bars to a word, without branches in the loop. */
    private long[] compare(Ast.Comparison op, double[] a, double[] b) {
        long[] out = Bits.create(n);
        switch (op) {
            case GT -> {
                for (int w = 0; w < out.length; w++) {
                    long word = 0;
                    for (int i = w << 6, e = Math.min(n, i + 64), bit = 0; i < e; i++, bit++) {
                        word |= (a[i] > b[i] ? 1L : 0L) << bit;
                    }
                    out[w] = word;
                }
            }
            case GTE -> {
                for (int w = 0; w < out.length; w++) {
                    long word = 0;
                    for (int i = w << 6, e = Math.min(n, i + 64), bit = 0; i < e; i++, bit++) {
                        word |= (a[i] >= b[i] ? 1L : 0L) << bit;
                    }
                    out[w] = word;
                }
            }
            case LT -> {
                for (int w = 0; w < out.length; w++) {
                    long word = 0;
                    for (int i = w << 6, e = Math.min(n, i + 64), bit = 0; i < e; i++, bit++) {
                        word |= (a[i] < b[i] ? 1L : 0L) << bit;
                    }
                    out[w] = word;
                }
            }
            case LTE -> {
                for (int w = 0; w < out.length; w++) {
                    long word = 0;
                    for (int i = w << 6, e = Math.min(n, i + 64), bit = 0; i < e; i++, bit++) {
                        word |= (a[i] <= b[i] ? 1L : 0L) << bit;
                    }
                    out[w] = word;
                }
            }
        }
        return out;
    }

    /**
     * a crosses above b on bar i: a[i] > b[i], and on the latest earlier bar where they differ a was below b
     * (ta4j's CrossIndicator, which skips bars where both are equal).
     */
    static long[] crossedUp(double[] a, double[] b) {
        int len = a.length;
        long[] out = Bits.create(len);
        boolean wasBelow = false; // a < b on the latest earlier bar where a != b
        for (int w = 0; w < out.length; w++) {
            long word = 0;
            for (int i = w << 6, e = Math.min(len, i + 64), bit = 0; i < e; i++, bit++) {
                boolean above = a[i] > b[i];
                boolean below = a[i] < b[i];
                word |= (above & wasBelow ? 1L : 0L) << bit; // on bar 0 wasBelow is still false
                wasBelow = below | (wasBelow & !above);
            }
            out[w] = word;
        }
        return out;
    }

    private double[] values(StrategyDefinition def, Ast.Operand operand, Map<String, Double> params) {
        if (operand instanceof Ast.Price p) {
            return price(p.field());
        }
        if (operand instanceof Ast.Constant c) {
            return constant(c.value().resolve(params));
        }
        if (operand instanceof Ast.IndicatorRef ref) {
            return indicator(def, def.indicators().get(ref.id()), params);
        }
        return indicator(def, (Ast.Indicator) operand, params);
    }

    private double[] constant(double v) {
        return cache.get("CONST(" + v + ")", () -> {
            double[] out = new double[n];
            java.util.Arrays.fill(out, v);
            return out;
        });
    }

    private double[] price(String field) {
        return switch (field) {
            case "open" -> series.open();
            case "high" -> series.high();
            case "low" -> series.low();
            case "volume" -> series.volume();
            default -> series.close();
        };
    }

    private double[] indicator(StrategyDefinition def, Ast.Indicator ind, Map<String, Double> params) {
        String key = key(def, ind, params);
        return cache.get(key, () -> compute(def, ind, params));
    }

    /** The canonical name of an indicator with resolved arguments, e.g. {@code EMA(MACD(close,12,26),9)}. */
    private String key(StrategyDefinition def, Ast.Operand operand, Map<String, Double> params) {
        if (operand instanceof Ast.Price p) {
            return p.field();
        }
        if (operand instanceof Ast.Constant c) {
            return Double.toString(c.value().resolve(params));
        }
        if (operand instanceof Ast.IndicatorRef ref) {
            return key(def, def.indicators().get(ref.id()), params);
        }
        Ast.Indicator ind = (Ast.Indicator) operand;
        StringBuilder sb = new StringBuilder(ind.type().name()).append('(');
        if (ind.input() != null) {
            sb.append(key(def, ind.input(), params));
        }
        for (Ast.Value v : ind.args().values()) {
            sb.append(',').append(v.resolve(params));
        }
        return sb.append(')').toString();
    }

    private double[] compute(StrategyDefinition def, Ast.Indicator ind, Map<String, Double> params) {
        double[] in = ind.input() == null ? null : values(def, ind.input(), params);
        IndicatorType type = ind.type();
        java.util.function.ToIntFunction<String> whole = name -> (int) ind.args().get(name).resolve(params);
        return switch (type) {
            case SMA, BB_MIDDLE -> Indicators.sma(in, whole.applyAsInt("period"));
            case EMA -> Indicators.ema(in, whole.applyAsInt("period"));
            case RSI -> Indicators.rsi(in, whole.applyAsInt("period"));
            case MACD -> {
                // the two EMAs are shared with every other MACD (and EMA) of the same input and period
                String inKey = key(def, ind.input(), params);
                int fast = whole.applyAsInt("fast");
                int slow = whole.applyAsInt("slow");
                yield Indicators.difference(cache.get("EMA(" + inKey + "," + (double) fast + ")", () -> Indicators.ema(in, fast)),
                        cache.get("EMA(" + inKey + "," + (double) slow + ")", () -> Indicators.ema(in, slow)));
            }
            case STDDEV -> Indicators.stdDev(in, whole.applyAsInt("period"));
            case BB_UPPER, BB_LOWER -> {
                int period = whole.applyAsInt("period");
                double k = ind.args().get("k").resolve(params);
                double[] mid = cache.get("SMA(" + key(def, ind.input(), params) + "," + (double) period + ")",
                        () -> Indicators.sma(in, period));
                double[] sd = cache.get("STDDEV(" + key(def, ind.input(), params) + "," + (double) period + ")",
                        () -> Indicators.stdDev(in, period));
                yield Indicators.scaledSum(mid, sd, type == IndicatorType.BB_UPPER ? k : -k);
            }
            case HIGHEST -> Indicators.highest(in, whole.applyAsInt("period"));
            case LOWEST -> Indicators.lowest(in, whole.applyAsInt("period"));
            case ROC -> Indicators.roc(in, whole.applyAsInt("period"));
            case PREVIOUS -> Indicators.previous(in, whole.applyAsInt("bars"));
            case ATR -> Indicators.atr(series.high(), series.low(), series.close(), whole.applyAsInt("period"));
            case STOCH -> Indicators.stochK(series.high(), series.low(), series.close(), whole.applyAsInt("period"));
            case SUPERTREND, SUPERTREND_DIR -> {
                int period = whole.applyAsInt("period");
                double k = ind.args().get("k").resolve(params);
                double[][] both = Indicators.supertrend(series.high(), series.low(), series.close(), period, k);
                yield both[type == IndicatorType.SUPERTREND ? 0 : 1];
            }
        };
    }
}
