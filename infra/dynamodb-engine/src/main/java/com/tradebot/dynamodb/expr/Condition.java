package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.util.List;
import java.util.Map;

/** The immutable tree of a parsed condition; evaluation never re-parses. */
sealed interface Condition extends Node, ConditionExpression {

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
