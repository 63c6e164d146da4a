package com.tradebot.backtest.rules;

import java.util.List;
import java.util.Map;

/** The parsed rule language. Every node keeps the JSON Pointer it came from for error messages. */
public final class Ast {
    private Ast() {
    }

    /** A number written literally or as {@code "$name"}, a reference to a declared parameter. */
    public record Value(double literal, String parameter, String path) {
        public double resolve(Map<String, Double> params) {
            return parameter == null ? literal : params.get(parameter);
        }
    }

    /** Something that yields a number per bar. */
    public sealed interface Operand permits Price, IndicatorRef, Constant, Indicator {
        String path();
    }

    public record Price(String field, String path) implements Operand {
    }

    public record IndicatorRef(String id, String path) implements Operand {
    }

    public record Constant(Value value, String path) implements Operand {
    }

    /** {@code {"type":"EMA","input":"close","period":20}}; {@code args} holds the numeric arguments by name. */
    public record Indicator(IndicatorType type, Operand input, Map<String, Value> args, String path)
            implements Operand {
    }

    /** Something that is true or false per bar. */
    public sealed interface Condition permits All, Any, Not, Compare, Cross {
        String path();
    }

    public record All(List<Condition> conditions, String path) implements Condition {
    }

    public record Any(List<Condition> conditions, String path) implements Condition {
    }

    public record Not(Condition condition, String path) implements Condition {
    }

    public enum Comparison { GT, GTE, LT, LTE }

    public record Compare(Comparison op, Operand left, Operand right, String path) implements Condition {
    }

    /** {@code up}: left goes from below right to above it on this bar (ta4j's CrossedUpIndicatorRule). */
    public record Cross(boolean up, Operand left, Operand right, String path) implements Condition {
    }

    /** A parameter constraint such as {@code {"lt":["macdFast","macdSlow"]}}. */
    public record Constraint(Comparison op, String left, String right, String path) {
    }
}
