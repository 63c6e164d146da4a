package com.tradebot.dynamodb.conformance.expressions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ExpressionAttributeNames and ExpressionAttributeValues: substitution, and the errors for undefined, unused and reserved names. */
class ExpressionAttributesTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "status", s("open"), "a.b", s("dotted"), "a", m("b", s("nested"))));
    }

    @Test
    void namesStandInForReservedWords() {
        var item = db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#s")
                .expressionAttributeNames(names("#s", "status"))).item();
        assertThat(item).isEqualTo(item("status", s("open")));
    }

    @Test
    void aNameWithADotIsOneAttributeNotAPath() {
        var dotted = db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#ab")
                .expressionAttributeNames(names("#ab", "a.b"))).item();
        assertThat(dotted).isEqualTo(item("a.b", s("dotted")));
        var nested = db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("a.b")).item();
        assertThat(nested).isEqualTo(item("a", m("b", s("nested"))));
    }

    @Test
    void reservedWordInAConditionIsRejected() {
        assertValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("k"))).conditionExpression("status = :v")
                        .expressionAttributeValues(Map.of(":v", s("open")))));
    }

    @Test
    void reservedWordInAProjectionIsRejected() {
        assertValidation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("status")));
    }

    @Test
    void reservedWordInAnUpdateIsRejected() {
        assertValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET status = :v")
                        .expressionAttributeValues(Map.of(":v", s("closed")))));
    }

    @Test
    void undefinedValueIsRejected() {
        assertValidation("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :missing",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET x = :missing")));
    }

    @Test
    void undefinedNameIsRejected() {
        assertValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("k"))).conditionExpression("attribute_exists(#missing)")));
    }

    @Test
    void unusedValueIsRejected() {
        assertValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET x = :v")
                        .expressionAttributeValues(Map.of(":v", n(1), ":unused", n(2)))));
    }

    @Test
    void unusedNameIsRejected() {
        assertValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#s")
                        .expressionAttributeNames(names("#s", "status", "#unused", "x"))));
    }

    @Test
    void valuesWithoutAnyExpressionAreRejected() {
        assertValidation("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("k"))).expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void namesWithoutAnyExpressionAreRejected() {
        assertValidation("ExpressionAttributeNames can only be specified when using expressions",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).expressionAttributeNames(names("#s", "status"))));
    }

    @Test
    void emptyValueMapIsRejected() {
        assertValidation("ExpressionAttributeValues must not be empty",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("REMOVE x")
                        .expressionAttributeValues(Map.of())));
    }

    @Test
    void valueKeyWithoutColonIsRejected() {
        assertValidation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET x = :v")
                        .expressionAttributeValues(Map.of(":v", n(1), "v", n(2)))));
    }

    @Test
    void namesAndValuesAreSharedByAllExpressionsOfARequest() {
        db.updateItem(r -> r.tableName(table).key(item("pk", s("k")))
                .updateExpression("SET #s = :closed").conditionExpression("#s = :open")
                .expressionAttributeNames(names("#s", "status"))
                .expressionAttributeValues(Map.of(":open", s("open"), ":closed", s("closed"))));
        assertThat(get(table, item("pk", s("k"))).get("status")).isEqualTo(s("closed"));
    }

    @Test
    void nameKeyWithIllegalCharactersIsRejected() {
        assertValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#a-b")
                        .expressionAttributeNames(names("#a-b", "status"))));
    }

    @Test
    void anEmptyValueIsRejectedWithItsKey() {
        assertValidation("ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly "
                        + "one of the supported datatypes for key :v",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET x = :v")
                        .expressionAttributeValues(Map.of(":v", software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().build()))));
    }

    @Test
    void anEmptySetValueIsRejectedWithItsKey() {
        assertValidation("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
                        + "An string set  may not be empty for key :v",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("ADD x :v")
                        .expressionAttributeValues(Map.of(":v", ss()))));
    }

    @Test
    void duplicatePathsInAProjectionOverlap() {
        assertValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one "
                        + "of these paths; path one: [status], path two: [status]",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#s, #s")
                        .expressionAttributeNames(names("#s", "status"))));
    }
}
