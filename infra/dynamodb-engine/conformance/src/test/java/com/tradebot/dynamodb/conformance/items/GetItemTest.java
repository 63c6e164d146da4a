package com.tradebot.dynamodb.conformance.items;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class GetItemTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("a"), "name", s("Ada"), "address", m("city", s("London"), "zip", s("N1")),
                "tags", l(s("x"), s("y"), s("z"))));
    }

    @Test
    void missingItemHasNoItemField() {
        var response = db.getItem(r -> r.tableName(table).key(item("pk", s("nope"))));
        assertThat(response.hasItem()).isFalse();
    }

    @Test
    void eventuallyAndStronglyConsistentReadsSeeTheWrite() {
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("a")))).item().get("name")).isEqualTo(s("Ada"));
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).consistentRead(true)).item().get("name"))
                .isEqualTo(s("Ada"));
    }

    @Test
    void projectionReturnsOnlyTheNamedPaths() {
        var item = db.getItem(r -> r.tableName(table).key(item("pk", s("a")))
                .projectionExpression("#n, address.city, tags[1]").expressionAttributeNames(names("#n", "name"))).item();
        assertThat(item).isEqualTo(item("name", s("Ada"), "address", m("city", s("London")), "tags", l(s("y"))));
    }

    @Test
    void projectionOfAMissingPathReturnsAnEmptyItem() {
        var response = db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).projectionExpression("nothere"));
        assertThat(response.item()).isEmpty();
    }

    @Test
    void keyWithAnExtraAttributeIsRejected() {
        assertValidation("The provided key element does not match the schema",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("a"), "name", s("Ada")))));
    }

    @Test
    void keyWithTheWrongTypeIsRejected() {
        assertValidation("The provided key element does not match the schema",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", n(1)))));
    }

    @Test
    void keyWithoutThePartitionKeyIsRejected() {
        assertValidation("The provided key element does not match the schema",
                () -> db.getItem(r -> r.tableName(table).key(item("other", s("a")))));
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.getItem(r -> r.tableName("no_such_table_get").key(item("pk", s("a")))));
    }

    @Test
    void expressionAndLegacyParametersCannotBeMixed() {
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).attributesToGet("name").projectionExpression("address")));
    }

    @Test
    void legacyAttributesToGetStillWorks() {
        var item = db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).attributesToGet("address", "nothere")).item();
        assertThat(item).isEqualTo(item("address", m("city", s("London"), "zip", s("N1"))));
    }

    @Test
    void tableNameConstraintsAreReportedLikeDynamoDb() {
        assertValidation("1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> db.getItem(r -> r.tableName("abc;").key(item("pk", s("a")))));
    }
}
