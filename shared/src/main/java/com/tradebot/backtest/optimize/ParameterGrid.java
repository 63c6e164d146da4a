package com.tradebot.backtest.optimize;

import com.tradebot.backtest.rules.ParameterSpec;
import com.tradebot.backtest.rules.RuleValidationException;
import com.tradebot.backtest.rules.StrategyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets of a sweep: each varied parameter takes {@code steps} values spread over ±{@code range}
 * around its base value (rounded for whole-number parameters, clamped to the declared range, duplicates dropped);
 * sets are the Cartesian product, numbered in mixed radix so that a batch of work is just an index range.
 */
public final class ParameterGrid {
    public static final int MAX_SETS = 10_000;

    private final StrategyDefinition definition;
    private final Map<String, Double> base;
    private final List<String> names;
    private final double[][] values;
    private final long size;

    public ParameterGrid(StrategyDefinition definition, Map<String, Double> base, List<String> vary, int steps,
                         double range) {
        this.definition = definition;
        this.base = Map.copyOf(base);
        this.names = List.copyOf(vary);
        this.values = new double[names.size()][];
        long count = 1;
        for (int d = 0; d < names.size(); d++) {
            ParameterSpec spec = definition.parameters().get(names.get(d));
            double center = base.get(names.get(d));
            LinkedHashSet<Double> distinct = new LinkedHashSet<>();
            for (int k = 0; k < steps; k++) {
                double v = steps == 1 ? center : center * (1 + range * (2.0 * k / (steps - 1) - 1));
                if (spec.integer()) {
                    v = Math.rint(v);
                }
                distinct.add(Math.min(spec.max(), Math.max(spec.min(), v)));
            }
            values[d] = distinct.stream().mapToDouble(Double::doubleValue).toArray();
            count *= values[d].length;
        }
        this.size = count;
    }

    /** Numeric parameters worth varying: all declared ones unless the caller names some. */
    public static List<String> defaultVaried(StrategyDefinition definition) {
        return new ArrayList<>(definition.parameters().keySet());
    }

    public long size() {
        return size;
    }

    public List<String> names() {
        return names;
    }

    public double[] values(int dimension) {
        return values[dimension];
    }

    /** The coordinates of set {@code index}, one value index per varied parameter. */
    public int[] coordinates(long index) {
        int[] c = new int[names.size()];
        long rest = index;
        for (int d = names.size() - 1; d >= 0; d--) {
            c[d] = (int) (rest % values[d].length);
            rest /= values[d].length;
        }
        return c;
    }

    public long index(int[] coordinates) {
        long index = 0;
        for (int d = 0; d < names.size(); d++) {
            index = index * values[d].length + coordinates[d];
        }
        return index;
    }

    /** The complete parameters of set {@code index}, or null when they break a constraint of the strategy. */
    public Map<String, Double> parameters(long index) {
        int[] c = coordinates(index);
        Map<String, Double> p = new LinkedHashMap<>(base);
        for (int d = 0; d < names.size(); d++) {
            p.put(names.get(d), values[d][c[d]]);
        }
        try {
            return definition.bind(p);
        } catch (RuleValidationException e) {
            return null;
        }
    }

    /** Sets one step away in one dimension. */
    public List<Long> neighbours(long index) {
        int[] c = coordinates(index);
        List<Long> out = new ArrayList<>();
        for (int d = 0; d < c.length; d++) {
            for (int delta : new int[] {-1, 1}) {
                int v = c[d] + delta;
                if (v >= 0 && v < values[d].length) {
                    int[] n = c.clone();
                    n[d] = v;
                    out.add(index(n));
                }
            }
        }
        return out;
    }
}
