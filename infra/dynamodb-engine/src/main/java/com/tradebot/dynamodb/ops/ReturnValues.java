package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ReturnValues and ReturnValuesOnConditionCheckFailure, with the combinations DynamoDB allows per operation. */
final class ReturnValues {
    static final String NONE = "NONE";
    static final String ALL_OLD = "ALL_OLD";
    static final String UPDATED_OLD = "UPDATED_OLD";
    static final String ALL_NEW = "ALL_NEW";
    static final String UPDATED_NEW = "UPDATED_NEW";
    private static final List<String> ALL = List.of(ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW);
    private static final List<String> ON_FAILURE = List.of(ALL_OLD, NONE);

    private ReturnValues() {
    }

    /** For PutItem and DeleteItem: NONE or ALL_OLD. */
    static String oldOrNone(Request request) {
        String value = any(request);
        if (!NONE.equals(value) && !ALL_OLD.equals(value)) {
            throw DynamoDbException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return value;
    }

    static String any(Request request) {
        String value = request.enumValue("ReturnValues", ALL);
        return value == null ? NONE : value;
    }

    /** Whether the current item goes with a ConditionalCheckFailedException. */
    static boolean itemOnConditionFailure(Request request) {
        return ALL_OLD.equals(request.enumValue("ReturnValuesOnConditionCheckFailure", ON_FAILURE));
    }

    static void writeAttributes(JsonGenerator g, Map<String, AttributeValue> attributes) throws IOException {
        if (attributes != null && !attributes.isEmpty()) {
            g.writeFieldName("Attributes");
            AttributeValueJson.writeItem(g, attributes);
        }
    }
}
