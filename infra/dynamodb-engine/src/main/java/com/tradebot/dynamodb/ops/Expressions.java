package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.ConditionalCheckFailedException;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a request's expression parameters and rejects the legacy (pre-expression) ones. */
final class Expressions {
    private static final List<String> LEGACY = List.of("Expected", "KeyConditions", "QueryFilter", "ScanFilter",
            "AttributeUpdates", "ConditionalOperator");

    private Expressions() {
    }

    /** The request's {@code ConditionExpression}, or null when it has none. */
    static ConditionExpression condition(Request request, ExpressionContext expressions) {
        String text = request.string("ConditionExpression");
        return text == null ? null : expressions.condition(text, "ConditionExpression");
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
        rejectLegacy(request);
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
            for (String key : names.keySet()) {
                checkKey(key, '#', "ExpressionAttributeNames");
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

    static void rejectLegacy(Request request) {
        for (String parameter : LEGACY) {
            if (request.has(parameter)) {
                throw DynamoDbException.validation("The legacy parameter " + parameter
                        + " is not supported by this engine; use the expression parameters instead");
            }
        }
    }

    /** ProjectionExpression, or the legacy AttributesToGet (top-level names only); null when neither is given. */
    static ProjectionExpression projection(Request request, ExpressionContext context) {
        String text = request.string("ProjectionExpression");
        JsonNode attributesToGet = request.array("AttributesToGet");
        if (text != null && attributesToGet != null) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
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
            return item -> {
                Map<String, AttributeValue> projected = new LinkedHashMap<>();
                for (String name : names) {
                    AttributeValue v = item.get(name);
                    if (v != null) {
                        projected.put(name, v);
                    }
                }
                return projected;
            };
        }
        return null;
    }
}
