package com.tradebot.dynamodb.conformance.items;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class PutItemTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    @Test
    void storesEveryAttributeType() {
        var stored = item("pk", s("a"), "sk", n(1),
                "str", s("hello"), "num", n("-12.5"), "bin", b(new byte[] {0, 1, (byte) 255}),
                "flag", bool(true), "nothing", nul(),
                "strings", ss("x", "y"), "numbers", ns("1", "2.5"), "binaries", bs(new byte[] {1}, new byte[] {2}),
                "list", l(s("a"), n(1), l(bool(false))), "map", m("inner", m("deep", s("v")), "empty", l()));
        put(table, stored);
        assertThat(get(table, item("pk", s("a"), "sk", n(1)))).isEqualTo(stored);
    }

    @Test
    void replacesTheWholeItem() {
        put(table, item("pk", s("a"), "sk", n(1), "old", s("x")));
        put(table, item("pk", s("a"), "sk", n(1), "new", s("y")));
        assertThat(get(table, item("pk", s("a"), "sk", n(1)))).isEqualTo(item("pk", s("a"), "sk", n(1), "new", s("y")));
    }

    @Test
    void returnsNothingByDefaultAndTheOldItemWithAllOld() {
        var first = db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1), "v", n(1))));
        assertThat(first.hasAttributes()).isFalse();
        var noOld = db.putItem(r -> r.tableName(table).item(item("pk", s("b"), "sk", n(1))).returnValues(ReturnValue.ALL_OLD));
        assertThat(noOld.hasAttributes()).isFalse();
        var second = db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1), "v", n(2))).returnValues(ReturnValue.ALL_OLD));
        assertThat(second.attributes()).isEqualTo(item("pk", s("a"), "sk", n(1), "v", n(1)));
    }

    @Test
    void rejectsReturnValuesOtherThanAllOldOrNone() {
        assertValidation("ReturnValues can only be ALL_OLD or NONE",
                () -> db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1))).returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    void attributeNotExistsConditionPreventsOverwrite() {
        put(table, item("pk", s("a"), "sk", n(1), "v", s("first")));
        assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1), "v", s("second")))
                        .conditionExpression("attribute_not_exists(pk)")));
        assertThat(get(table, item("pk", s("a"), "sk", n(1))).get("v")).isEqualTo(s("first"));

        db.putItem(r -> r.tableName(table).item(item("pk", s("b"), "sk", n(1)))
                .conditionExpression("attribute_not_exists(pk)"));
        assertThat(get(table, item("pk", s("b"), "sk", n(1)))).isNotNull();
    }

    @Test
    void conditionOnAnExistingValue() {
        put(table, item("pk", s("a"), "sk", n(1), "version", n(3)));
        db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1), "version", n(4)))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(3))));
        assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(1), "version", n(5)))
                        .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(3)))));
    }

    @Test
    void rejectsAnItemWithoutItsKey() {
        assertValidation("One or more parameter values were invalid: Missing the key sk in the item",
                () -> put(table, item("pk", s("a"), "other", s("x"))));
    }

    @Test
    void rejectsAKeyOfTheWrongType() {
        assertValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                () -> put(table, item("pk", n(1), "sk", n(1))));
    }

    @Test
    void rejectsAnEmptyStringKey() {
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. Key: pk",
                () -> put(table, item("pk", s(""), "sk", n(1))));
    }

    @Test
    void acceptsEmptyStringsAndBinariesOutsideKeys() {
        put(table, item("pk", s("a"), "sk", n(1), "empty", s(""), "emptyBin", b(new byte[0]), "nested", m("e", s(""))));
        assertThat(get(table, item("pk", s("a"), "sk", n(1))).get("empty")).isEqualTo(s(""));
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> put("no_such_table_put", item("pk", s("a"))));
    }
}
