package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed ConditionExpression or FilterExpression; parse once per request, evaluate per item. */
public interface ConditionExpression {
    /** @param item the item, or an empty map when the item does not exist */
    boolean matches(Map<String, AttributeValue> item);

    /** The top-level attribute names the expression reads (e.g. to refuse key attributes in a Query filter). */
    Set<String> topLevelAttributes();
}
