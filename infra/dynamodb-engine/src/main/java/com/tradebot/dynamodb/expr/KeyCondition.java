package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.util.List;

/** One condition of a KeyConditionExpression, normalised so the key attribute is on the left. */
public record KeyCondition(String attributeName, KeyCondition.Op op, List<AttributeValue> operands) {

    public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    public KeyCondition {
        operands = List.copyOf(operands);
    }

    /** Whether a key value satisfies the condition; values of another type never do. */
    public boolean matches(AttributeValue v) {
        if (v == null) {
            return false;
        }
        AttributeValue first = operands.get(0);
        return switch (op) {
            case EQ -> AttributeValues.equal(v, first);
            case LT -> Comparisons.ordered(v, first) && AttributeValues.compareKeys(v, first) < 0;
            case LE -> Comparisons.ordered(v, first) && AttributeValues.compareKeys(v, first) <= 0;
            case GT -> Comparisons.ordered(v, first) && AttributeValues.compareKeys(v, first) > 0;
            case GE -> Comparisons.ordered(v, first) && AttributeValues.compareKeys(v, first) >= 0;
            case BETWEEN -> Comparisons.between(v, first, operands.get(1));
            case BEGINS_WITH -> Comparisons.beginsWith(v, first);
        };
    }
}
