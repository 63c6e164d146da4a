package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The immutable tree of a parsed condition; evaluation never re-parses. */
sealed interface Condition extends Node, ConditionExpression {

    @Override
    default Set<String> topLevelAttributes() {
        Set<String> names = new LinkedHashSet<>();
        collect(this, names);
        return names;
    }

    private static void collect(Condition condition, Set<String> names) {
        if (condition instanceof And and) {
            collect(and.left(), names);
            collect(and.right(), names);
            return;
        }
        if (condition instanceof Or or) {
            collect(or.left(), names);
            collect(or.right(), names);
            return;
        }
        if (condition instanceof Not not) {
            collect(not.condition(), names);
            return;
        }
        operandsOf(condition).forEach(operand -> collect(operand, names));
    }

    private static Stream<Operand> operandsOf(Condition condition) {
        if (condition instanceof Compare compare) {
            return Stream.of(compare.left(), compare.right());
        } else if (condition instanceof Between between) {
            return Stream.of(between.value(), between.low(), between.high());
        } else if (condition instanceof In in) {
            return Stream.concat(Stream.of(in.value()), in.candidates().stream());
        } else if (condition instanceof AttributeExists exists) {
            return Stream.of(new Operand.PathRef(exists.path()));
        } else if (condition instanceof AttributeNotExists notExists) {
            return Stream.of(new Operand.PathRef(notExists.path()));
        } else if (condition instanceof AttributeType type) {
            return Stream.of(type.value(), type.type());
        } else if (condition instanceof BeginsWith beginsWith) {
            return Stream.of(beginsWith.value(), beginsWith.prefix());
        } else if (condition instanceof Contains contains) {
            return Stream.of(contains.value(), contains.operand());
        }
        throw new IllegalStateException("Unknown condition " + condition.getClass().getSimpleName());
    }

    private static void collect(Operand operand, Set<String> names) {
        if (operand instanceof Operand.PathRef ref) {
            names.add(ref.path().topLevelName());
        } else if (operand instanceof Operand.Call call) {
            call.args().forEach(arg -> collect(arg, names));
        }
    }

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return left.matches(item) && right.matches(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return left.matches(item) || right.matches(item);
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return !condition.matches(item);
        }
    }

    record Compare(Comparator comparator, Operand left, Operand right) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            return switch (comparator) {
                case EQ -> Comparisons.equal(a, b);
                // DynamoDB: a missing attribute is "not equal" to any value
                case NE -> !Comparisons.equal(a, b);
                case LT -> Comparisons.ordered(a, b) && compare(a, b) < 0;
                case LE -> Comparisons.ordered(a, b) && compare(a, b) <= 0;
                case GT -> Comparisons.ordered(a, b) && compare(a, b) > 0;
                case GE -> Comparisons.ordered(a, b) && compare(a, b) >= 0;
            };
        }

        private static int compare(AttributeValue a, AttributeValue b) {
            return AttributeValues.compareKeys(a, b);
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return Comparisons.between(value.evaluate(item), low.evaluate(item), high.evaluate(item));
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }

        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (Comparisons.equal(v, candidate.evaluate(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    record AttributeExists(Path path) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return Documents.get(item, path) != null;
        }
    }

    record AttributeNotExists(Path path) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return Documents.get(item, path) == null;
        }
    }

    record AttributeType(Operand value, Operand type) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            return v != null && type.evaluate(item) instanceof AttributeValue.S s && s.value().equals(v.type());
        }
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return Comparisons.beginsWith(value.evaluate(item), prefix.evaluate(item));
        }
    }

    record Contains(Operand value, Operand operand) implements Condition {
        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            return Comparisons.contains(value.evaluate(item), operand.evaluate(item));
        }
    }

    /** Stands in for a malformed function condition whose error is already reported; never evaluated. */
    enum Invalid implements Condition {
        INSTANCE;

        @Override
        public boolean matches(Map<String, AttributeValue> item) {
            throw new IllegalStateException("an expression with errors is never evaluated");
        }
    }
}
