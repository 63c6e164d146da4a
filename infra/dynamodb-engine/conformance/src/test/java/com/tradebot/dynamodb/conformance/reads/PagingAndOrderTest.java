package com.tradebot.dynamodb.conformance.reads;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Sort order of each key type, 1 MB pages, and ExclusiveStartKey/LastEvaluatedKey round trips. */
class PagingAndOrderTest extends ConformanceTest {
    private static final int PAGE_LIMIT_BYTES = 1024 * 1024;

    private List<AttributeValue> sortKeysInQueryOrder(String table, boolean forward) {
        return db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").scanIndexForward(forward)
                .expressionAttributeValues(Map.of(":p", s("p")))).items().stream().map(i -> i.get("sk")).toList();
    }

    @Test
    void stringsSortByUtf8BytesNotUtf16Units() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        // U+FF61 is EF BD A1 in UTF-8 but 0xFF61 in UTF-16; U+1F600 is F0 9F 98 80 in UTF-8 but 0xD83D... in UTF-16
        List<String> utf8Order = List.of("A", "Z", "a", "\u00e9", "\uff61", "\ud83d\ude00");
        for (String sk : List.of("\ud83d\ude00", "a", "\uff61", "Z", "\u00e9", "A")) {
            put(table, item("pk", s("p"), "sk", s(sk)));
        }
        assertThat(sortKeysInQueryOrder(table, true)).extracting(AttributeValue::s).containsExactlyElementsOf(utf8Order);
        List<String> reversed = new ArrayList<>(utf8Order);
        Collections.reverse(reversed);
        assertThat(sortKeysInQueryOrder(table, false)).extracting(AttributeValue::s).containsExactlyElementsOf(reversed);
    }

    @Test
    void numbersSortNumerically() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (String sk : List.of("10", "-2", "1.5", "1E+100", "1000", "-10", "0", "0.001", "9", "9E+99", "-1E-100", "-1E-99", "-1E+100")) {
            put(table, item("pk", s("p"), "sk", n(sk)));
        }
        assertThat(sortKeysInQueryOrder(table, true)).extracting(AttributeValue::n).containsExactly(
                "-1" + "0".repeat(100), "-10", "-2", "-0." + "0".repeat(98) + "1", "-0." + "0".repeat(99) + "1", "0", "0.001",
                "1.5", "9", "10", "1000", "9" + "0".repeat(99), "1" + "0".repeat(100));
    }

    @Test
    void numbersSortWithFullPrecision() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        List<String> ascending = List.of("0.99999999999999999999999999999999999999", "1", "1.0000000000000000000000000000000000001",
                "1.000000000000000000000000000000000001");
        for (int i = ascending.size() - 1; i >= 0; i--) {
            put(table, item("pk", s("p"), "sk", n(ascending.get(i))));
        }
        assertThat(sortKeysInQueryOrder(table, true)).extracting(AttributeValue::n).containsExactlyElementsOf(ascending);
    }

    @Test
    void binariesSortAsUnsignedBytes() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.B);
        byte[][] order = {{0x00}, {0x01}, {0x01, 0x00}, {0x7f}, {(byte) 0x80}, {(byte) 0xff}};
        for (int i = order.length - 1; i >= 0; i--) {
            put(table, item("pk", s("p"), "sk", b(order[i])));
        }
        List<AttributeValue> sorted = sortKeysInQueryOrder(table, true);
        assertThat(sorted).hasSize(order.length);
        for (int i = 0; i < order.length; i++) {
            assertThat(sorted.get(i).b().asByteArray()).as("position %d", i).isEqualTo(order[i]);
        }
    }

    @Test
    void beginsWithOnAStringSortKeyUsesBytes() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        for (String sk : List.of("order#1", "order#2", "order", "orders", "other")) {
            put(table, item("pk", s("p"), "sk", s(sk)));
        }
        var response = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :pre)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":pre", s("order#"))));
        assertThat(response.items()).extracting(i -> i.get("sk").s()).containsExactly("order#1", "order#2");
    }

    private String tableOfLargeItems(int count) {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        String filler = "f".repeat(100_000);
        for (int i = 0; i < count; i++) {
            put(table, item("pk", s("p"), "sk", n(i), "filler", s(filler)));
        }
        return table;
    }

    private static long size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                + (e.getValue().s() != null ? e.getValue().s().getBytes(StandardCharsets.UTF_8).length : 21)).sum();
    }

    @Test
    void queryPagesStopAtOneMegabyte() {
        String table = tableOfLargeItems(25); // about 2.5 MB
        List<Long> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(from));
            long bytes = page.items().stream().mapToLong(PagingAndOrderTest::size).sum();
            // a page holds at most 1 MB, plus the item that crosses the limit
            assertThat(bytes).isLessThanOrEqualTo(PAGE_LIMIT_BYTES + 100_100L);
            page.items().forEach(i -> seen.add(Long.parseLong(i.get("sk").n())));
            start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
            pages++;
        } while (start != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void scanPagesStopAtOneMegabyte() {
        String table = tableOfLargeItems(25);
        ScanResponse first = db.scan(r -> r.tableName(table));
        assertThat(first.count()).isBetween(9, 11);
        assertThat(first.lastEvaluatedKey()).isNotEmpty();
        assertThat(scanAll(table)).hasSize(25);
    }

    @Test
    void theMegabyteLimitCountsScannedDataNotReturnedData() {
        String table = tableOfLargeItems(25);
        QueryResponse page = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").filterExpression("attribute_exists(nothing)")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(page.count()).isZero();
        assertThat(page.scannedCount()).isBetween(9, 11);
        assertThat(page.lastEvaluatedKey()).isNotEmpty();
        ScanResponse scanPage = db.scan(r -> r.tableName(table).filterExpression("attribute_exists(nothing)"));
        assertThat(scanPage.count()).isZero();
        assertThat(scanPage.scannedCount()).isBetween(9, 11);
    }

    @Test
    void queryResumesFromAnyKeyInBothDirections() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 0; i < 10; i++) {
            put(table, item("pk", s("p"), "sk", n(i)));
        }
        var forward = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(item("pk", s("p"), "sk", n(6))));
        assertThat(forward.items()).extracting(i -> i.get("sk").n()).containsExactly("7", "8", "9");
        var backward = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(item("pk", s("p"), "sk", n(3))));
        assertThat(backward.items()).extracting(i -> i.get("sk").n()).containsExactly("2", "1", "0");
        // the start key need not exist
        var fromGap = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(2)
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(item("pk", s("p"), "sk", n("4.5"))));
        assertThat(fromGap.items()).extracting(i -> i.get("sk").n()).containsExactly("5", "6");
        assertThat(fromGap.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(6)));
    }

    @Test
    void limitExactlyAtTheEndStillReturnsALastEvaluatedKey() {
        String table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 0; i < 3; i++) {
            put(table, item("pk", s("p"), "sk", n(i)));
        }
        var page = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(3)
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(2)));
        var next = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(3)
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(page.lastEvaluatedKey()));
        assertThat(next.count()).isZero();
        assertThat(next.lastEvaluatedKey()).isEmpty();
    }
}
