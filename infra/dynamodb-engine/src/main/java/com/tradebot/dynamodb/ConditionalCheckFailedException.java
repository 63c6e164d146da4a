package com.tradebot.dynamodb;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.Map;

/** A failed ConditionExpression; carries the current item when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
public final class ConditionalCheckFailedException extends DynamoDbException {
    private final Map<String, AttributeValue> item;

    public ConditionalCheckFailedException(Map<String, AttributeValue> item) {
        super("ConditionalCheckFailedException", 400, "The conditional request failed");
        this.item = item;
    }

    /** The item to return with the error, or null. */
    public Map<String, AttributeValue> item() {
        return item;
    }
}
