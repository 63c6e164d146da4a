package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.List;

/** Turns a parsed KeyConditionExpression into key conditions, with DynamoDB's messages for what keys cannot do. */
final class KeyConditions {
    static final String PARAMETER = "KeyConditionExpression";

    private KeyConditions() {
    }

    static List<KeyCondition> from(Condition condition) {
        List<KeyCondition> result = new ArrayList<>();
        collect(condition, result);
        if (result.size() > 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
        return List.copyOf(result);
    }

    private static void collect(Condition condition, List<KeyCondition> result) {
        if (condition instanceof Condition.And and) {
            collect(and.left(), result);
            collect(and.right(), result);
            return;
        }
        KeyCondition key = toKeyCondition(condition);
        for (KeyCondition earlier : result) {
            if (earlier.attributeName().equals(key.attributeName())) {
                throw DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
            }
        }
        result.add(key);
    }

    private static KeyCondition toKeyCondition(Condition condition) {
        if (condition instanceof Condition.Or) {
            throw invalidOperator("OR");
        }
        if (condition instanceof Condition.Not) {
            throw invalidOperator("NOT");
        }
        if (condition instanceof Condition.In) {
            throw invalidOperator("IN");
        }
        if (condition instanceof Condition.AttributeExists) {
            throw invalidOperator("attribute_exists");
        }
        if (condition instanceof Condition.AttributeNotExists) {
            throw invalidOperator("attribute_not_exists");
        }
        if (condition instanceof Condition.AttributeType) {
            throw invalidOperator("attribute_type");
        }
        if (condition instanceof Condition.Contains) {
            throw invalidOperator("contains");
        }
        if (condition instanceof Condition.Compare compare) {
            if (compare.comparator() == Condition.Comparator.NE) {
                throw invalidOperator("<>");
            }
            return comparison(compare);
        }
        if (condition instanceof Condition.Between between) {
            if (!(between.value() instanceof Operand.PathRef)) {
                throw invalidCondition("BETWEEN operator must have the key attribute as its first operand");
            }
            String name = keyName(between.value(), between.low(), between.high());
            return new KeyCondition(name, KeyCondition.Op.BETWEEN,
                    List.of(value(between.low()), value(between.high())));
        }
        if (condition instanceof Condition.BeginsWith beginsWith) {
            if (!(beginsWith.value() instanceof Operand.PathRef)) {
                throw invalidCondition("begins_with operator must have the key attribute as its first operand");
            }
            String name = keyName(beginsWith.value(), beginsWith.prefix());
            return new KeyCondition(name, KeyCondition.Op.BEGINS_WITH, List.of(value(beginsWith.prefix())));
        }
        throw new IllegalStateException("unexpected condition " + condition);
    }

    private static KeyCondition comparison(Condition.Compare compare) {
        String name = keyName(compare.left(), compare.right());
        boolean keyOnLeft = compare.left() instanceof Operand.PathRef;
        Operand other = keyOnLeft ? compare.right() : compare.left();
        KeyCondition.Op op = switch (compare.comparator()) {
            case EQ -> KeyCondition.Op.EQ;
            case LT -> keyOnLeft ? KeyCondition.Op.LT : KeyCondition.Op.GT;
            case LE -> keyOnLeft ? KeyCondition.Op.LE : KeyCondition.Op.GE;
            case GT -> keyOnLeft ? KeyCondition.Op.GT : KeyCondition.Op.LT;
            case GE -> keyOnLeft ? KeyCondition.Op.GE : KeyCondition.Op.LE;
            case NE -> throw invalidOperator("<>");
        };
        return new KeyCondition(name, op, List.of(value(other)));
    }

    /** The single top-level key attribute among the operands. */
    private static String keyName(Operand... operands) {
        String name = null;
        for (Operand operand : operands) {
            checkNoNestedOperation(operand);
            if (operand instanceof Operand.PathRef ref) {
                if (name != null) {
                    throw invalidCondition("Multiple attribute names used in one condition");
                }
                if (ref.path().isNested()) {
                    throw DynamoDbException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                name = ref.path().topLevelName();
            }
        }
        if (name == null) {
            throw invalidCondition("No key attribute specified");
        }
        return name;
    }

    private static void checkNoNestedOperation(Operand operand) {
        if (operand instanceof Operand.Call) {
            throw DynamoDbException.validation("KeyConditionExpressions cannot contain nested operations");
        }
    }

    private static AttributeValue value(Operand operand) {
        return ((Operand.Constant) operand).value();
    }

    private static DynamoDbException invalidOperator(String operator) {
        return DynamoDbException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static DynamoDbException invalidCondition(String detail) {
        return DynamoDbException.validation("Invalid condition in KeyConditionExpression: " + detail);
    }
}
