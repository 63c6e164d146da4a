package com.tradebot.dynamodb.conformance.items;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ReturnValues of UpdateItem in every form, and ReturnValuesOnConditionCheckFailure of the single-item writes. */
class ReturnValuesTest extends ConformanceTest {
    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "a", n(1), "b", s("keep"), "m", m("x", n(1), "y", n(2))));
    }

    private Map<String, AttributeValue> updateReturning(ReturnValue returnValue) {
        var response = db.updateItem(r -> r.tableName(table).key(KEY).returnValues(returnValue)
                .updateExpression("SET a = a + :one, m.x = :ten, c = :new").expressionAttributeValues(Map.of(":one", n(1), ":ten", n(10), ":new", s("c"))));
        return response.hasAttributes() ? response.attributes() : null;
    }

    @Test
    void none() {
        assertThat(updateReturning(ReturnValue.NONE)).isNull();
    }

    @Test
    void allOld() {
        assertThat(updateReturning(ReturnValue.ALL_OLD)).isEqualTo(item("pk", s("k"), "a", n(1), "b", s("keep"), "m", m("x", n(1), "y", n(2))));
    }

    @Test
    void updatedOldHasOnlyTheChangedPathsThatExisted() {
        assertThat(updateReturning(ReturnValue.UPDATED_OLD)).isEqualTo(item("a", n(1), "m", m("x", n(1))));
    }

    @Test
    void allNew() {
        assertThat(updateReturning(ReturnValue.ALL_NEW)).isEqualTo(
                item("pk", s("k"), "a", n(2), "b", s("keep"), "m", m("x", n(10), "y", n(2)), "c", s("c")));
    }

    @Test
    void updatedNewHasOnlyTheChangedPaths() {
        assertThat(updateReturning(ReturnValue.UPDATED_NEW)).isEqualTo(item("a", n(2), "m", m("x", n(10)), "c", s("c")));
    }

    @Test
    void allOldOfANewItemIsEmpty() {
        var response = db.updateItem(r -> r.tableName(table).key(item("pk", s("fresh"))).returnValues(ReturnValue.ALL_OLD)
                .updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", n(1))));
        assertThat(response.hasAttributes()).isFalse();
    }

    @Test
    void updatedOldOfARemovedAttribute() {
        var response = db.updateItem(r -> r.tableName(table).key(KEY).returnValues(ReturnValue.UPDATED_OLD).updateExpression("REMOVE b"));
        assertThat(response.attributes()).isEqualTo(item("b", s("keep")));
    }

    @Test
    @Tag("beyond-dynalite")
    void conditionFailureOfUpdateCanReturnTheItem() {
        var error = assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = :v").conditionExpression("a = :other")
                        .expressionAttributeValues(Map.of(":v", n(5), ":other", n(99)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(error.item()).isEqualTo(item("pk", s("k"), "a", n(1), "b", s("keep"), "m", m("x", n(1), "y", n(2))));
    }

    @Test
    @Tag("beyond-dynalite")
    void conditionFailureOfPutAndDeleteCanReturnTheItem() {
        var putError = assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.putItem(r -> r.tableName(table).item(item("pk", s("k"))).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(putError.item()).containsEntry("b", s("keep"));
        var deleteError = assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression("a > :v")
                        .expressionAttributeValues(Map.of(":v", n(1)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(deleteError.item()).containsEntry("a", n(1));
    }

    @Test
    void conditionFailureWithoutTheOptionReturnsNoItem() {
        var error = assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.putItem(r -> r.tableName(table).item(item("pk", s("k"))).conditionExpression("attribute_not_exists(pk)")));
        assertThat(error.hasItem()).isFalse();
    }
}
