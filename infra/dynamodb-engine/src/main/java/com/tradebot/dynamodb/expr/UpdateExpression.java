package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed UpdateExpression. */
public interface UpdateExpression {
    /** Returns a new item with the actions applied (the input is untouched); DynamoDB's validation errors. */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /**
     * For an item that does not exist yet: applies the update to its key attributes. Differs from
     * {@link #apply} in one way DynamoDB has: REMOVE of a nested path is then ignored, not an invalid path.
     */
    Map<String, AttributeValue> applyToNewItem(Map<String, AttributeValue> keyAttributes);

    /** The top-level attributes the expression writes or removes. */
    Set<String> topLevelAttributes();

    /** The updated paths of {@code item}, for ReturnValues UPDATED_OLD / UPDATED_NEW. */
    Map<String, AttributeValue> projectUpdated(Map<String, AttributeValue> item);
}
