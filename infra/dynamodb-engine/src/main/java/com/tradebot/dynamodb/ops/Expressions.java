package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.value.AttributeValue;

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

    static ExpressionContext context(Request request) {
        rejectLegacy(request);
        Map<String, String> names = request.stringMap("ExpressionAttributeNames");
        if (names != null && names.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
        }
        Map<String, AttributeValue> values = request.item("ExpressionAttributeValues");
        if (values != null && values.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
        }
        return new ExpressionContext(names, values);
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
