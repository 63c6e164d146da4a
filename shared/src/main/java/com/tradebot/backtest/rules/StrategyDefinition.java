package com.tradebot.backtest.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated rule document: declared parameters, named indicators, entry/exit conditions for long and short, and
 * constraints between parameters. {@link #bind} turns user-supplied parameter values into a complete, checked set.
 */
public record StrategyDefinition(Map<String, ParameterSpec> parameters, List<Ast.Constraint> constraints,
                                 Map<String, Ast.Indicator> indicators, Ast.Condition entryLong,
                                 Ast.Condition exitLong, Ast.Condition entryShort, Ast.Condition exitShort) {

    public boolean canGoLong() {
        return entryLong != null;
    }

    public boolean canGoShort() {
        return entryShort != null;
    }

    /** Defaults overlaid with {@code given}; unknown names, non-numbers, out-of-range values and broken constraints fail. */
    public Map<String, Double> bind(Map<String, ?> given) {
        List<RuleError> errors = new ArrayList<>();
        Map<String, Double> values = new LinkedHashMap<>();
        parameters.forEach((name, spec) -> values.put(name, spec.defaultValue()));
        if (given != null) {
            given.forEach((name, raw) -> {
                ParameterSpec spec = parameters.get(name);
                String path = "/parameters/" + name;
                if (spec == null) {
                    errors.add(new RuleError(path, "unknown parameter '" + name + "' (known: "
                            + String.join(", ", parameters.keySet()) + ")"));
                    return;
                }
                Double value = raw instanceof Number number ? Double.valueOf(number.doubleValue()) : null;
                if (value == null) {
                    errors.add(new RuleError(path, "must be a number"));
                } else if (!spec.accepts(value)) {
                    errors.add(new RuleError(path, "must be " + (spec.integer() ? "a whole number " : "")
                            + "between " + fmt(spec.min()) + " and " + fmt(spec.max()) + ", was " + fmt(value)));
                } else {
                    values.put(name, value);
                }
            });
        }
        if (errors.isEmpty()) {
            for (Ast.Constraint c : constraints) {
                double l = values.get(c.left());
                double r = values.get(c.right());
                boolean ok = switch (c.op()) {
                    case GT -> l > r;
                    case GTE -> l >= r;
                    case LT -> l < r;
                    case LTE -> l <= r;
                };
                if (!ok) {
                    errors.add(new RuleError("/parameters/" + c.left(), c.left() + " (" + fmt(l) + ") must be "
                            + symbol(c.op()) + " " + c.right() + " (" + fmt(r) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleValidationException(errors);
        }
        return values;
    }

    private static String symbol(Ast.Comparison op) {
        return switch (op) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
