package com.tradebot.dynamodb.conformance.reads;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class ScanTest extends ConformanceTest {
    private static final int ITEMS = 60;
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        for (int i = 0; i < ITEMS; i++) {
            put(table, item("pk", s("item" + i), "n", n(i), "group", s(i % 3 == 0 ? "fizz" : "plain")));
        }
    }

    private static Set<String> keys(List<Map<String, AttributeValue>> items) {
        Set<String> keys = new HashSet<>();
        items.forEach(i -> keys.add(i.get("pk").s()));
        return keys;
    }

    @Test
    void returnsEveryItem() {
        ScanResponse response = db.scan(r -> r.tableName(table));
        assertThat(response.count()).isEqualTo(ITEMS);
        assertThat(keys(response.items())).hasSize(ITEMS);
    }

    @Test
    void pagesWithLimitVisitEachItemOnce() {
        List<Map<String, AttributeValue>> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(r -> r.tableName(table).limit(7).exclusiveStartKey(from));
            assertThat(page.count()).isLessThanOrEqualTo(7);
            seen.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).hasSize(ITEMS);
        assertThat(keys(seen)).hasSize(ITEMS);
        assertThat(pages).isBetween(9, 10);
    }

    @Test
    void parallelSegmentsPartitionTheTable() {
        int totalSegments = 4;
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            int current = segment;
            db.scanPaginator(r -> r.tableName(table).segment(current).totalSegments(totalSegments).limit(5))
                    .items().forEach(all::add);
        }
        assertThat(all).hasSize(ITEMS);
        assertThat(keys(all)).hasSize(ITEMS);
    }

    @Test
    void filterAndSelectCount() {
        ScanResponse filtered = db.scan(r -> r.tableName(table).filterExpression("#g = :f AND n >= :ten")
                .expressionAttributeNames(names("#g", "group")).expressionAttributeValues(Map.of(":f", s("fizz"), ":ten", n(10))));
        assertThat(filtered.count()).isEqualTo(16); // 12, 15, ..., 57
        assertThat(filtered.scannedCount()).isEqualTo(ITEMS);

        ScanResponse counted = db.scan(r -> r.tableName(table).select(Select.COUNT).filterExpression("#g = :f")
                .expressionAttributeNames(names("#g", "group")).expressionAttributeValues(Map.of(":f", s("fizz"))));
        assertThat(counted.count()).isEqualTo(20);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    void projectionLimitsTheAttributes() {
        ScanResponse response = db.scan(r -> r.tableName(table).projectionExpression("n"));
        assertThat(response.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("n"));
    }

    @Test
    void segmentWithoutTotalSegmentsIsRejected() {
        assertValidation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                () -> db.scan(r -> r.tableName(table).segment(1)));
    }

    @Test
    void totalSegmentsWithoutSegmentIsRejected() {
        assertValidation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
                () -> db.scan(r -> r.tableName(table).totalSegments(2)));
    }

    @Test
    void segmentMustBeBelowTotalSegments() {
        assertValidation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2",
                () -> db.scan(r -> r.tableName(table).segment(2).totalSegments(2)));
    }

    @Test
    void limitWithAFilterCountsScannedItems() {
        ScanResponse response = db.scan(r -> r.tableName(table).limit(10).filterExpression("#g = :f")
                .expressionAttributeNames(names("#g", "group")).expressionAttributeValues(Map.of(":f", s("fizz"))));
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.count()).isLessThanOrEqualTo(10);
        assertThat(response.lastEvaluatedKey()).isNotEmpty();
    }

    @Test
    void segmentsResumeFromTheirOwnLastEvaluatedKey() {
        Set<String> segmentOne = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(r -> r.tableName(table).segment(1).totalSegments(3).limit(4).exclusiveStartKey(from));
            page.items().forEach(i -> assertThat(segmentOne.add(i.get("pk").s())).isTrue());
            start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        Set<String> again = new HashSet<>();
        db.scanPaginator(r -> r.tableName(table).segment(1).totalSegments(3)).items().forEach(i -> again.add(i.get("pk").s()));
        assertThat(segmentOne).isEqualTo(again);
    }

    @Test
    void exclusiveStartKeyMustMatchTheSchema() {
        assertValidation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> db.scan(r -> r.tableName(table).exclusiveStartKey(item("other", s("x")))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite accepts it; the API reference says ValidationException
    void consistentReadOnAGlobalIndexIsRejected() {
        String indexed = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(hash("g")).projection(p -> p.projectionType("ALL")).build()));
        assertValidation("Consistent reads are not supported on global secondary indexes",
                () -> db.scan(r -> r.tableName(indexed).indexName("byG").consistentRead(true)));
    }
}
