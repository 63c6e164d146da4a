package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.List;
import java.util.Map;

/** An operand as written in an expression: a document path, an {@code :value}, or a function call. */
sealed interface Operand extends Node permits Operand.PathRef, Operand.Constant, Operand.Call {

    /** The operand's value for this item, or null when there is none (a missing attribute). */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    /** The type known before evaluation (the type of a constant, the result type of a function), else null. */
    String staticType();

    record PathRef(Path path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return Documents.get(item, path);
        }

        @Override
        public String staticType() {
            return null;
        }
    }

    /** {@code value} is null only when the reference was undefined, which is reported before evaluation. */
    record Constant(String reference, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }

        @Override
        public String staticType() {
            return value == null ? null : value.type();
        }
    }

    /** A function call; only {@code size} yields a value inside a condition, the others are conditions. */
    record Call(String name, List<Operand> args, String resultType) implements Operand {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            if (!name.equals("size")) {
                throw new IllegalStateException("function " + name + " has no operand value");
            }
            return Comparisons.size(args.get(0).evaluate(item));
        }

        @Override
        public String staticType() {
            return resultType;
        }
    }
}
