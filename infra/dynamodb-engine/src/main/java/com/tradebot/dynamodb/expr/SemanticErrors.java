package com.tradebot.dynamodb.expr;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB parses a whole expression before it reports a semantic error, and when several are present it
 * reports them by kind in a fixed order rather than by position. This keeps the first message of each kind.
 */
final class SemanticErrors {

    enum Kind {
        NESTING, REDUNDANT_PARENS, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED, SECTION,
        ATTRIBUTE_NAME, ATTRIBUTE_VALUE, OPERAND_COUNT, DISTINCT, PATH_OVERLAP, PATH_CONFLICT,
        OPERAND_TYPE, FUNCTION,
        /** Condition expressions: the first leaf condition's error, chosen when that leaf ends. */
        CONDITION
    }

    private final Map<Kind, String> first = new EnumMap<>(Kind.class);

    void report(Kind kind, String message) {
        first.putIfAbsent(kind, message);
    }

    boolean has(Kind kind) {
        return first.containsKey(kind);
    }

    /** Promotes the first present kind of {@code order} to {@code target} unless target is already set. */
    void settle(Kind target, List<Kind> order) {
        if (first.containsKey(target)) {
            return;
        }
        for (Kind kind : order) {
            String message = first.get(kind);
            if (message != null) {
                first.put(target, message);
                return;
            }
        }
    }

    void throwFirst(String parameterName, List<Kind> order) {
        for (Kind kind : order) {
            String message = first.get(kind);
            if (message != null) {
                throw ExpressionErrors.invalid(parameterName, message);
            }
        }
    }
}
