package com.tradebot.dynamodb.expr;

import org.junit.jupiter.api.Test;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static org.assertj.core.api.Assertions.assertThat;

class ExpressionContextTest {

    @Test
    void acceptsWhenEveryNameAndValueIsUsedAcrossExpressions() {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#b", "b"), item(":v", n(1), ":w", n(2)));
        context.update("SET #a = :v");
        context.condition("#b < :w", "ConditionExpression");
        context.checkAllUsed();
    }

    @Test
    void acceptsNoNamesOrValues() {
        ExpressionContext context = new ExpressionContext(null, null);
        context.projection("a, b");
        context.checkAllUsed();
    }

    @Test
    void reportsUnusedValues() {
        ExpressionContext context = new ExpressionContext(null, item(":v", n(1), ":b", n(2), ":c", n(3)));
        context.update("SET a = :v");
        assertValidation(context::checkAllUsed,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :c}");
    }

    @Test
    void reportsUnusedNamesBeforeUnusedValues() {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#x", "x"), item(":v", n(1), ":b", n(2)));
        context.condition("#a = :v", "FilterExpression");
        assertValidation(context::checkAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
    }

    @Test
    void countsNamesUsedOnlyOnTheRightOfSet() {
        ExpressionContext context = new ExpressionContext(names("#one", "c", "#two", "a", "#three", "z"), null);
        context.update("SET #one = #two");
        assertValidation(context::checkAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#three}");
    }

    @Test
    void loadsDynamoDbsWholeReservedWordList() {
        assertThat(ReservedWords.count()).isEqualTo(573);
        assertThat(ReservedWords.isReserved("status")).isTrue();
        assertThat(ReservedWords.isReserved("ZONE")).isTrue();
        assertThat(ReservedWords.isReserved("Abort")).isTrue();
        assertThat(ReservedWords.isReserved("price")).isFalse();
    }
}
