package com.tradebot.dynamodb.conformance.batch;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class BatchGetItemTest extends ConformanceTest {
    private String users;
    private String orders;

    @BeforeEach
    void tables() {
        users = createTable("pk", ScalarAttributeType.S);
        orders = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        put(users, item("pk", s("u1"), "name", s("Ada"), "age", n(36)));
        put(users, item("pk", s("u2"), "name", s("Bob")));
        put(orders, item("pk", s("u1"), "sk", n(1), "total", n(100)));
    }

    private static KeysAndAttributes keys(List<Map<String, AttributeValue>> keys) {
        return KeysAndAttributes.builder().keys(keys).build();
    }

    @Test
    void readsFromSeveralTablesAndSkipsMissingKeys() {
        var response = db.batchGetItem(r -> r.requestItems(Map.of(
                users, keys(List.of(item("pk", s("u1")), item("pk", s("u2")), item("pk", s("ghost")))),
                orders, keys(List.of(item("pk", s("u1"), "sk", n(1)))))));
        assertThat(response.responses().get(users)).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(response.responses().get(orders)).containsExactly(item("pk", s("u1"), "sk", n(1), "total", n(100)));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void projectionPerTable() {
        var response = db.batchGetItem(r -> r.requestItems(Map.of(users, KeysAndAttributes.builder()
                .keys(item("pk", s("u1"))).projectionExpression("#n").expressionAttributeNames(names("#n", "name")).build())));
        assertThat(response.responses().get(users)).containsExactly(item("name", s("Ada")));
    }

    private static List<Map<String, AttributeValue>> manyKeys(int count) {
        List<Map<String, AttributeValue>> many = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            many.add(item("pk", s("k" + i)));
        }
        return many;
    }

    @Test
    void moreThanOneHundredKeysForOneTableAreRejected() {
        assertValidationContains("failed to satisfy constraint: Member must have length less than or equal to 100",
                () -> db.batchGetItem(r -> r.requestItems(Map.of(users, keys(manyKeys(101))))));
    }

    @Test
    void moreThanOneHundredKeysInTotalAreRejected() {
        String third = createTable("pk", ScalarAttributeType.S);
        assertValidation("Too many items requested for the BatchGetItem call",
                () -> db.batchGetItem(r -> r.requestItems(Map.of(users, keys(manyKeys(60)), third, keys(manyKeys(41))))));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertValidation("Provided list of item keys contains duplicates",
                () -> db.batchGetItem(r -> r.requestItems(Map.of(users, keys(List.of(item("pk", s("u1")), item("pk", s("u1"))))))));
    }

    @Test
    void keyNotMatchingTheSchemaIsRejected() {
        assertValidation("The provided key element does not match the schema",
                () -> db.batchGetItem(r -> r.requestItems(Map.of(users, keys(List.of(item("pk", s("u1"), "x", s("y"))))))));
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.batchGetItem(r -> r.requestItems(Map.of("no_such_table_bg", keys(List.of(item("pk", s("a"))))))));
    }

    @Test
    void responsesOverSixteenMegabytesComeBackAsUnprocessedKeys() {
        String big = createTable("pk", ScalarAttributeType.S);
        String filler = "x".repeat(390_000);
        List<Map<String, AttributeValue>> allKeys = new ArrayList<>();
        for (int i = 0; i < 45; i++) { // 45 x 390 KB is about 17.5 MB, over BatchGetItem's 16 MB response limit
            put(big, item("pk", s("k" + i), "blob", s(filler)));
            allKeys.add(item("pk", s("k" + i)));
        }
        var first = db.batchGetItem(r -> r.requestItems(Map.of(big, keys(allKeys))));
        assertThat(first.unprocessedKeys()).containsKey(big);

        Map<String, AttributeValue> seen = new HashMap<>();
        first.responses().get(big).forEach(i -> seen.put(i.get("pk").s(), i.get("pk")));
        var pending = first.unprocessedKeys();
        while (!pending.isEmpty()) {
            var request = pending;
            var next = db.batchGetItem(r -> r.requestItems(request));
            next.responses().getOrDefault(big, List.of()).forEach(i -> seen.put(i.get("pk").s(), i.get("pk")));
            pending = next.unprocessedKeys();
        }
        assertThat(seen).hasSize(45);
    }
}
