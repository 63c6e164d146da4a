package com.tradebot.dynamodb.conformance.tables;

import static com.tradebot.dynamodb.conformance.support.Values.item;
import static com.tradebot.dynamodb.conformance.support.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DeleteTable. */
class DeleteTableTest extends ConformanceTest {

    @Test
    void deleteReturnsTheDescriptionAndTheTableDisappears() {
        String name = createTable("pk", ScalarAttributeType.S);
        put(name, item("pk", s("a")));
        var description = db.deleteTable(r -> r.tableName(name)).tableDescription();
        assertThat(description.tableName()).isEqualTo(name);
        assertThat(description.tableStatus()).isIn(TableStatus.DELETING, TableStatus.ACTIVE);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !db.listTables().tableNames().contains(name));
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.getItem(r -> r.tableName(name).key(item("pk", s("a")))));
    }

    @Test
    void deleteOfAMissingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found: Table: no_such_table_y not found",
                () -> db.deleteTable(r -> r.tableName("no_such_table_y")));
    }

    @Test
    void aRecreatedTableStartsEmpty() {
        String name = uniqueTableName();
        for (int round = 0; round < 2; round++) {
            db.createTable(r -> r.tableName(name).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk")));
            awaitActive(name);
            assertThat(scanAll(name)).isEmpty();
            put(name, item("pk", s("x")));
            db.deleteTable(r -> r.tableName(name));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !db.listTables().tableNames().contains(name));
        }
    }
}
