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

    private boolean[] condition(StrategyDefinition def, Ast.Condition c, Map<String, Double> params) {
        if (c == null) {
            return new boolean[n];
        }
        // leaf conditions come from the cache (shared across parameter sets, never written to); and/or/not
        // always write a fresh array
        if (c instanceof Ast.All all) {
            boolean[] first = condition(def, all.conditions().get(0), params);
            boolean[] out = java.util.Arrays.copyOf(first, n);
            for (int k = 1; k < all.conditions().size(); k++) {
                boolean[] next = condition(def, all.conditions().get(k), params);
                for (int i = 0; i < n; i++) {
                    out[i] &= next[i];
                }
            }
            return out;
        }
        if (c instanceof Ast.Any any) {
            boolean[] first = condition(def, any.conditions().get(0), params);
            boolean[] out = java.util.Arrays.copyOf(first, n);
            for (int k = 1; k < any.conditions().size(); k++) {
                boolean[] next = condition(def, any.conditions().get(k), params);
                for (int i = 0; i < n; i++) {
                    out[i] |= next[i];
                }
            }
            return out;
        }
        if (c instanceof Ast.Not not) {
            boolean[] inner = condition(def, not.condition(), params);
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = !inner[i];
            }
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

    private boolean[] compare(Ast.Comparison op, double[] a, double[] b) {
        boolean[] out = new boolean[n];
        switch (op) {
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] > b[i];
                }
            }
            case GTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] >= b[i];
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] < b[i];
                }
            }
            case LTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] <= b[i];
                }
            }
        }
        return out;
    }

    /**
     * a crosses above b on bar i: a[i] > b[i], and on the latest earlier bar where they differ a was below b
     * (ta4j's CrossIndicator, which skips bars where both are equal).
     */
    static boolean[] crossedUp(double[] a, double[] b) {
        int len = a.length;
        boolean[] out = new boolean[len];
        int lastSign = 0; // sign of a-b on the latest earlier bar where a != b
        for (int i = 0; i < len; i++) {
            out[i] = i > 0 && a[i] > b[i] && lastSign < 0;
            if (a[i] > b[i]) {
                lastSign = 1;
            } else if (a[i] < b[i]) {
                lastSign = -1;
            }
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
            case MACD -> Indicators.macd(in, whole.applyAsInt("fast"), whole.applyAsInt("slow"));
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
