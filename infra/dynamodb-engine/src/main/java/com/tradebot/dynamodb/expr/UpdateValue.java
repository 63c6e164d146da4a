package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The right-hand side of a SET action; evaluated against the item as it was before the update. */
sealed interface UpdateValue {

    AttributeValue evaluate(Map<String, AttributeValue> item);

    /** The type known before evaluation (constants only), else null. */
    default String constantType() {
        return null;
    }

    record Ref(Path path) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = Documents.get(item, path);
            if (value == null) {
                throw ExpressionErrors.missingAttribute();
            }
            return value;
        }
    }

    record Constant(AttributeValue value) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }

        @Override
        public String constantType() {
            return value == null ? null : value.type();
        }
    }

    record IfNotExists(Path path, UpdateValue fallback) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = Documents.get(item, path);
            return value != null ? value : fallback.evaluate(item);
        }
    }

    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = first.evaluate(item);
            AttributeValue b = second.evaluate(item);
            if (!(a instanceof AttributeValue.L la) || !(b instanceof AttributeValue.L lb)) {
                throw ExpressionErrors.wrongOperandType();
            }
            List<AttributeValue> joined = new ArrayList<>(la.value().size() + lb.value().size());
            joined.addAll(la.value());
            joined.addAll(lb.value());
            return new AttributeValue.L(joined);
        }
    }

    record Arithmetic(boolean plus, UpdateValue left, UpdateValue right) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            if (!(a instanceof AttributeValue.N na) || !(b instanceof AttributeValue.N nb)) {
                throw ExpressionErrors.wrongOperandType();
            }
            return new AttributeValue.N(plus ? Numbers.add(na.value(), nb.value())
                    : Numbers.subtract(na.value(), nb.value()));
        }
    }
}
