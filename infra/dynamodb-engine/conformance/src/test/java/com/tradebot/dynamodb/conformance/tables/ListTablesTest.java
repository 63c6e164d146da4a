package com.tradebot.dynamodb.conformance.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ListTables: sorted names, Limit and ExclusiveStartTableName. */
class ListTablesTest extends ConformanceTest {

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
    void limitAboveOneHundredIsRejected() {
        assertValidation("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 100", () -> db.listTables(r -> r.limit(101)));
    }
}
