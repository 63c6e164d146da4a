package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

/** One action of an update expression, by clause. */
sealed interface UpdateAction {
    Path path();

    record Set(Path path, UpdateValue value) implements UpdateAction {
    }

    record Remove(Path path) implements UpdateAction {
    }

    record Add(Path path, AttributeValue value) implements UpdateAction {
    }

    record Delete(Path path, AttributeValue value) implements UpdateAction {
    }
}
