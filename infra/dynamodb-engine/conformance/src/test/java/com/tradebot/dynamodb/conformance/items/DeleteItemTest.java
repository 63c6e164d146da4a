package com.tradebot.dynamodb.conformance.items;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DeleteItemTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
    }

    @Test
    void deletesAndReturnsTheOldItemWithAllOld() {
        put(table, item("pk", s("a"), "v", n(1)));
        var response = db.deleteItem(r -> r.tableName(table).key(item("pk", s("a"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(response.attributes()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(get(table, item("pk", s("a")))).isNull();
    }

    @Test
    void deletingAMissingItemSucceedsAndReturnsNothing() {
        var response = db.deleteItem(r -> r.tableName(table).key(item("pk", s("ghost"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(response.hasAttributes()).isFalse();
    }

    @Test
    void conditionGuardsTheDelete() {
        put(table, item("pk", s("a"), "state", s("open")));
        assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("a")))
                        .conditionExpression("#s = :closed").expressionAttributeNames(names("#s", "state"))
                        .expressionAttributeValues(Map.of(":closed", s("closed")))));
        assertThat(get(table, item("pk", s("a")))).isNotNull();

        db.deleteItem(r -> r.tableName(table).key(item("pk", s("a")))
                .conditionExpression("#s = :open").expressionAttributeNames(names("#s", "state"))
                .expressionAttributeValues(Map.of(":open", s("open"))));
        assertThat(get(table, item("pk", s("a")))).isNull();
    }

    @Test
    void conditionOnAMissingItemFails() {
        assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("ghost"))).conditionExpression("attribute_exists(pk)")));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite accepts ALL_NEW on DeleteItem
    void rejectsAllNew() {
        assertValidation("ReturnValues can only be ALL_OLD or NONE",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("a"))).returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    void rejectsAKeyThatDoesNotMatchTheSchema() {
        assertValidation("The provided key element does not match the schema",
                () -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("a"), "x", s("b")))));
    }
}
