package com.tradebot.dynamodb.conformance.transactions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

@Tag("beyond-dynalite")
class TransactGetItemsTest extends ConformanceTest {
    private String users;
    private String orders;

    @BeforeEach
    void tables() {
        users = createTable("pk", ScalarAttributeType.S);
        orders = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        put(users, item("pk", s("u1"), "name", s("Ada"), "age", n(36)));
        put(orders, item("pk", s("u1"), "sk", n(1), "total", n(100)));
    }

    private TransactGetItem getFrom(String table, java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        return TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build();
    }

    @Test
    void returnsResponsesInRequestOrderWithEmptyOnesForMissingItems() {
        var responses = db.transactGetItems(r -> r.transactItems(
                getFrom(orders, item("pk", s("u1"), "sk", n(1))),
                getFrom(users, item("pk", s("ghost"))),
                getFrom(users, item("pk", s("u1"))))).responses();
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).item()).isEqualTo(item("pk", s("u1"), "sk", n(1), "total", n(100)));
        assertThat(responses.get(1).hasItem()).isFalse();
        assertThat(responses.get(2).item().get("name")).isEqualTo(s("Ada"));
    }

    @Test
    void projectionPerGet() {
        var responses = db.transactGetItems(r -> r.transactItems(TransactGetItem.builder()
                .get(g -> g.tableName(users).key(item("pk", s("u1"))).projectionExpression("age")).build())).responses();
        assertThat(responses.get(0).item()).isEqualTo(item("age", n(36)));
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.transactGetItems(r -> r.transactItems(getFrom("no_such_table_tg", item("pk", s("a"))))));
    }
}
