package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The expressions of one request and their ExpressionAttributeNames / ExpressionAttributeValues.
 * Usage of names and values is tracked across all expressions, so {@link #checkAllUsed()} can report
 * the unused ones as DynamoDB does.
 */
public final class ExpressionContext {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    // created on first use: most requests have no expression names or values at all
    private Set<String> usedNames;
    private Set<String> usedValues;

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
    }

    /** @param parameterName "ConditionExpression" or "FilterExpression", used in error messages */
    public ConditionExpression condition(String text, String parameterName) {
        return new ConditionParser(text, parameterName, this).parseCondition();
    }

    /** A KeyConditionExpression: one condition on the partition key, optionally AND one on the sort key. */
    public List<KeyCondition> keyConditions(String text) {
        return KeyConditions.from(new ConditionParser(text, KeyConditions.PARAMETER, this).parseCondition());
    }

    public UpdateExpression update(String text) {
        return new UpdateParser(text, this).parseUpdate();
    }

    public ProjectionExpression projection(String text) {
        return new ProjectionParser(text, this).parseProjection();
    }

    /** After all of a request's expressions are parsed: unused names, then unused values, are errors. */
    public void checkAllUsed() {
        if (names.isEmpty() && values.isEmpty()) {
            return;
        }
        String unusedNames = unused(names.keySet(), usedNames == null ? Set.of() : usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + unusedNames + "}");
        }
        String unusedValues = unused(values.keySet(), usedValues == null ? Set.of() : usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + unusedValues + "}");
        }
    }

    private static String unused(Set<String> defined, Set<String> used) {
        if (used.containsAll(defined)) {
            return ""; // the usual case, without a stream's allocations on every request
        }
        return defined.stream().filter(key -> !used.contains(key)).collect(Collectors.joining(", "));
    }

    /** The attribute name behind {@code #ref}, or null when it is not defined. */
    String resolveName(String reference) {
        String name = names.get(reference);
        if (name != null) {
            if (usedNames == null) {
                usedNames = new HashSet<>();
            }
            usedNames.add(reference);
        }
        return name;
    }

    /** The value behind {@code :ref}, or null when it is not defined. */
    AttributeValue resolveValue(String reference) {
        AttributeValue value = values.get(reference);
        if (value != null) {
            if (usedValues == null) {
                usedValues = new HashSet<>();
            }
            usedValues.add(reference);
        }
        return value;
    }
}
