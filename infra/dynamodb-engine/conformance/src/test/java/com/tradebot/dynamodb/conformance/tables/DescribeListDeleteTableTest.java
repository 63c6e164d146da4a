package com.tradebot.dynamodb.conformance.tables;

import static com.tradebot.dynamodb.conformance.support.Values.item;
import static com.tradebot.dynamodb.conformance.support.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DescribeTable, ListTables and DeleteTable. */
class DescribeListDeleteTableTest extends ConformanceTest {

    @Test
    void describeReportsAnActiveOnDemandTable() {
        String name = createTable("pk", ScalarAttributeType.S);
        var table = db.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableName()).isEqualTo(name);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(hash("pk"));
        assertThat(table.billingModeSummary().billingMode().toString()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void describeOfAMissingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found: Table: no_such_table_x not found",
                () -> db.describeTable(r -> r.tableName("no_such_table_x")));
    }

    @Test
    void listTablesIsSortedAndPagesWithExclusiveStartTableName() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createTable("pk", ScalarAttributeType.S));
        }
        List<String> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = db.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            if (start != null) {
                assertThat(start).isEqualTo(page.tableNames().get(page.tableNames().size() - 1));
            }
        } while (start != null);
        assertThat(all).containsAll(created).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listTablesStartsAfterTheExclusiveStartName() {
        String first = createTable("pk", ScalarAttributeType.S);
        String second = createTable("pk", ScalarAttributeType.S);
        List<String> after = new ArrayList<>();
        db.listTablesPaginator(r -> r.exclusiveStartTableName(first)).tableNames().forEach(after::add);
        assertThat(after).doesNotContain(first);
        assertThat(after).contains(second); // names share a prefix and end in an increasing counter
    }

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
