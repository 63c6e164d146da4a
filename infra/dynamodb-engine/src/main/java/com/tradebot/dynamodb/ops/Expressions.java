package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.ConditionalCheckFailedException;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.LegacyParameters;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request's expression parameters, or the legacy (pre-expression) ones translated into the same trees,
 * and refuses a request that mixes the two kinds as DynamoDB does.
 */
final class Expressions {
    /** In the order DynamoDB lists them in its "Can not use both" message. */
    private static final List<String> LEGACY = List.of("AttributesToGet", "QueryFilter", "ScanFilter", "KeyConditions",
            "Expected", "AttributeUpdates", "ConditionalOperator");
    private static final java.util.Set<String> LEGACY_SET = java.util.Set.copyOf(LEGACY);
    private static final java.util.Set<String> EXPRESSION_CONTEXT =
            java.util.Set.of("ExpressionAttributeNames", "ExpressionAttributeValues");
    private static final List<String> EXPRESSIONS = List.of("ProjectionExpression", "FilterExpression",
            "KeyConditionExpression", "ConditionExpression", "UpdateExpression");

    private Expressions() {
    }

    /** The request's {@code ConditionExpression}, or null when it has none. */
    static ConditionExpression condition(Request request, ExpressionContext expressions) {
        String text = request.string("ConditionExpression");
        return text == null ? null : expressions.condition(text, "ConditionExpression");
    }

    /** PutItem, UpdateItem, DeleteItem: {@code ConditionExpression}, or the legacy {@code Expected}. */
    static ConditionExpression conditionOrExpected(Request request, ExpressionContext expressions) {
        JsonNode expected = request.get("Expected");
        if (expected == null) {
            requireNoConditionalOperator(request, "Expected");
            return condition(request, expressions);
        }
        return LegacyParameters.expected(expected, conditionalOperator(request));
    }

    /** Query and Scan: {@code FilterExpression}, or the legacy {@code QueryFilter}/{@code ScanFilter}. */
    static ConditionExpression filter(Request request, ExpressionContext expressions, String legacyParameter) {
        JsonNode legacy = request.get(legacyParameter);
        if (legacy == null) {
            requireNoConditionalOperator(request, legacyParameter);
            String text = request.string("FilterExpression");
            return text == null ? null : expressions.condition(text, "FilterExpression");
        }
        return LegacyParameters.filter(legacy, legacyParameter, conditionalOperator(request));
    }

    private static String conditionalOperator(Request request) {
        return request.enumValue("ConditionalOperator", List.of("AND", "OR"));
    }

    private static void requireNoConditionalOperator(Request request, String legacyParameter) {
        if (request.has("ConditionalOperator")) {
            conditionalOperator(request);
            throw DynamoDbException.validation("One or more parameter values were invalid: ConditionalOperator can only "
                    + "be used when " + legacyParameter + " is present");
        }
    }

    /** Fails the write as DynamoDB does when the condition does not hold for the current item (null = absent). */
    static void requireCondition(ConditionExpression condition, Map<String, AttributeValue> current, boolean itemOnFailure) {
        if (condition != null && !condition.matches(current == null ? Map.of() : current)) {
            throw new ConditionalCheckFailedException(itemOnFailure ? current : null);
        }
    }

    /**
     * The request's expression names and values, checked as DynamoDB checks them.
     *
     * @param expressionParameters the expression parameters the operation accepts, in DynamoDB's order (used in messages)
     */
    static ExpressionContext context(Request request, String... expressionParameters) {
        rejectMixed(request);
        if (!request.hasAny(EXPRESSION_CONTEXT)) {
            return new ExpressionContext(null, null); // nothing below applies: without allocating its lists
        }
        List<String> present = new ArrayList<>();
        List<String> valueExpressions = new ArrayList<>();
        for (String parameter : expressionParameters) {
            if (request.has(parameter)) {
                present.add(parameter);
            }
            if (!"ProjectionExpression".equals(parameter)) {
                valueExpressions.add(parameter);
            }
        }
        JsonNode namesNode = request.get("ExpressionAttributeNames");
        JsonNode valuesNode = request.get("ExpressionAttributeValues");
        if (namesNode != null && present.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (valuesNode != null && !valueExpressions.isEmpty() && valueExpressions.stream().noneMatch(present::contains)) {
            throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
        }
        Map<String, String> names = request.stringMap("ExpressionAttributeNames");
        if (names != null) {
            if (names.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                checkKey(e.getKey(), '#', "ExpressionAttributeNames");
                AttributeValueJson.checkAttributeName(e.getValue(), "ExpressionAttributeNames (key " + e.getKey() + ")");
            }
        }
        Map<String, AttributeValue> values = null;
        if (valuesNode != null) {
            if (!valuesNode.isObject()) {
                throw DynamoDbException.serialization("Unexpected value type for ExpressionAttributeValues: expected a map");
            }
            if (valuesNode.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            }
            values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : valuesNode.properties()) {
                checkKey(e.getKey(), ':', "ExpressionAttributeValues");
                try {
                    values.put(e.getKey(), AttributeValueJson.read(e.getValue()));
                } catch (DynamoDbException invalid) {
                    if (!"ValidationException".equals(invalid.type())) {
                        throw invalid;
                    }
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid value: "
                            + invalid.getMessage() + " for key " + e.getKey());
                }
            }
        }
        return new ExpressionContext(names, values);
    }

    /** Keys are '#' or ':' followed by one or more of [0-9a-zA-Z_] (checked by hand: no regex per request). */
    private static void checkKey(String key, char prefix, String parameter) {
        boolean valid = key.length() > 1 && key.charAt(0) == prefix;
        for (int i = 1; valid && i < key.length(); i++) {
            char c = key.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (!valid) {
            throw DynamoDbException.validation(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
        }
    }

    /** DynamoDB refuses any request that has both an expression parameter and a legacy one. */
    static void rejectMixed(Request request) {
        if (!request.hasAny(LEGACY_SET)) {
            return; // the usual case, without allocating
        }
        List<String> legacy = present(request, LEGACY);
        List<String> expressions = present(request, EXPRESSIONS);
        if (!expressions.isEmpty()) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    private static List<String> present(Request request, List<String> parameters) {
        List<String> present = new ArrayList<>(2);
        for (String parameter : parameters) {
            if (request.has(parameter)) {
                present.add(parameter);
            }
        }
        return present;
    }

    /** ProjectionExpression, or the legacy AttributesToGet (top-level names only); null when neither is given. */
    static ProjectionExpression projection(Request request, ExpressionContext context) {
        String text = request.string("ProjectionExpression");
        JsonNode attributesToGet = request.array("AttributesToGet");
        if (text != null) {
            return context.projection(text);
        }
        if (attributesToGet != null) {
            if (attributesToGet.isEmpty()) {
                throw request.constraint("AttributesToGet", "[]", "Member must have length greater than or equal to 1");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode name : attributesToGet) {
                if (names.contains(name.asText())) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Duplicate value in "
                            + "attribute name: " + name.asText());
                }
                names.add(name.asText());
            }
            return new ProjectionExpression() {
                @Override
                public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                    Map<String, AttributeValue> projected = new LinkedHashMap<>();
                    for (String name : names) {
                        AttributeValue v = item.get(name);
                        if (v != null) {
                            projected.put(name, v);
                        }
                    }
                    return projected;
                }

                @Override
                public java.util.Set<String> topLevelAttributes() {
                    return new java.util.LinkedHashSet<>(names);
                }
            };
        }
        return null;
    }
}
