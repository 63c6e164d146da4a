package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.Map;

/** A parsed ProjectionExpression: picks the named paths out of an item, keeping their nesting. */
public interface ProjectionExpression {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the projection asks for. */
    java.util.Set<String> topLevelAttributes();
}
