package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.StatesException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, BatchInput): fields named {@code key.$} take the value of
 * a path of the input ({@code $.x}), of the context object ({@code $$.x}) or of an intrinsic function call.
 */
public final class PayloadTemplate {
    private static final Map<String, IntrinsicExpression.Call> PARSED_CALLS = new ConcurrentHashMap<>();

    private PayloadTemplate() {
    }

    /** Checks every {@code .$} field at definition load; throws IllegalArgumentException naming the field. */
    public static void validate(JsonNode template, String where) {
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldWhere = where + "." + field.getKey();
                if (field.getKey().endsWith(".$")) {
                    if (!field.getValue().isTextual()) {
                        throw new IllegalArgumentException(fieldWhere + ": the value of a '.$' field must be a string");
                    }
                    validateExpression(field.getValue().textValue(), fieldWhere);
                } else {
                    validate(field.getValue(), fieldWhere);
                }
            }
        } else if (template.isArray()) {
            for (JsonNode element : template) {
                validate(element, where + "[]");
            }
        }
    }

    public static void validateExpression(String expression, String where) {
        if (IntrinsicParser.looksLikeCall(expression)) {
            try {
                parsed(expression);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        } else {
            JsonPaths.validate(expression, where);
        }
    }

    public static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) throws StatesException {
        if (template.isObject()) {
            ObjectNode result = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    result.set(key.substring(0, key.length() - 2),
                            evaluateExpression(field.getValue().textValue(), key, input, context));
                } else {
                    result.set(key, evaluate(field.getValue(), input, context));
                }
            }
            return result;
        }
        if (template.isArray()) {
            ArrayNode result = Json.MAPPER.createArrayNode();
            for (JsonNode element : template) {
                result.add(evaluate(element, input, context));
            }
            return result;
        }
        return template;
    }

    /** A path or an intrinsic function call (as in {@code .$} fields, ErrorPath, CausePath). */
    public static JsonNode evaluateExpression(String expression, String field, JsonNode input, JsonNode context)
            throws StatesException {
        if (IntrinsicParser.looksLikeCall(expression)) {
            return IntrinsicFunctions.evaluate(parsed(expression), input, context);
        }
        try {
            return JsonPaths.select(input, context, expression);
        } catch (StatesException e) {
            throw StatesErrors.runtime("The JSONPath '" + expression + "' specified for the field '" + field
                    + "' could not be found in the input '" + Json.write(expression.startsWith("$$") ? context : input) + "'");
        }
    }

    private static IntrinsicExpression.Call parsed(String expression) {
        IntrinsicExpression.Call call = PARSED_CALLS.get(expression);
        if (call == null) {
            call = IntrinsicParser.parse(expression);
            PARSED_CALLS.put(expression, call);
        }
        return call;
    }
}
