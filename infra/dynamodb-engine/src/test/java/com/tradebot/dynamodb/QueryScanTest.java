package com.tradebot.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryScanTest extends EngineTestSupport {
    private static final String TABLE = "orders";

    @BeforeAll
    static void createTableWithIndexes() {
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("status", ScalarAttributeType.S), def("placed", ScalarAttributeType.N),
                        def("amount", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byAmount")
                        .keySchema(key("pk", KeyType.HASH), key("amount", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("placed", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("amount").build()).build()));
        for (int user = 0; user < 3; user++) {
            for (int order = 1; order <= 20; order++) {
                Map<String, AttributeValue> item = item(attr("pk", s("user" + user)), attr("sk", n(order)),
                        attr("amount", n(100 - order)), attr("note", s("n" + order)));
                if (order % 2 == 0) {
                    item.put("status", s(order % 4 == 0 ? "OPEN" : "DONE"));
                    item.put("placed", n(1000 + order * 10 + user));
                }
                dynamo.putItem(r -> r.tableName(TABLE).item(item));
            }
        }
    }

    private static List<String> numbers(List<Map<String, AttributeValue>> items, String attribute) {
        List<String> values = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            values.add(item.get(attribute).n());
        }
        return values;
    }

    @Test
    void queryReturnsThePartitionInSortKeyOrderBothWays() {
        QueryResponse forward = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("user1"))));
        assertThat(forward.count()).isEqualTo(20);
        assertThat(numbers(forward.items(), "sk")).startsWith("1", "2", "3").endsWith("20");

        QueryResponse backward = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("user1"))).scanIndexForward(false).limit(3));
        assertThat(numbers(backward.items(), "sk")).containsExactly("20", "19", "18");
        assertThat(backward.lastEvaluatedKey()).containsEntry("sk", n(18)).containsEntry("pk", s("user1"));
    }

    @Test
    void rangeConditionsSelectTheRightSlice() {
        assertThat(numbers(query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":a", n(5), ":b", n(7))), "sk"))
                .containsExactly("5", "6", "7");
        assertThat(numbers(query("pk = :p AND sk < :a", Map.of(":a", n(3))), "sk")).containsExactly("1", "2");
        assertThat(numbers(query("pk = :p AND sk <= :a", Map.of(":a", n(2))), "sk")).containsExactly("1", "2");
        assertThat(numbers(query("pk = :p AND sk > :a", Map.of(":a", n(18))), "sk")).containsExactly("19", "20");
        assertThat(numbers(query("pk = :p AND sk >= :a", Map.of(":a", n(19))), "sk")).containsExactly("19", "20");
        assertThat(numbers(query("pk = :p AND sk = :a", Map.of(":a", n(4))), "sk")).containsExactly("4");
    }

    private static List<Map<String, AttributeValue>> query(String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":p", s("user2"));
        return dynamo.query(r -> r.tableName(TABLE).keyConditionExpression(condition).expressionAttributeValues(all)).items();
    }

    @Test
    void paginationWithLimitVisitsEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("user0"))).limit(6).exclusiveStartKey(from));
            seen.addAll(numbers(page.items(), "sk"));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void filterAppliesAfterLimitAndCountsScannedItems() {
        QueryResponse response = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .filterExpression("amount > :a")
                .expressionAttributeValues(Map.of(":p", s("user0"), ":a", n(95))).limit(10));
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(numbers(response.items(), "sk")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void selectCountReturnsOnlyTheCount() {
        QueryResponse response = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("user0"))).select(Select.COUNT));
        assertThat(response.count()).isEqualTo(20);
        assertThat(response.items()).isEmpty();
    }

    @Test
    void globalIndexHoldsOnlyItemsWithItsKeysAndItsProjection() {
        QueryResponse open = dynamo.query(r -> r.tableName(TABLE).indexName("byStatus")
                .keyConditionExpression("#s = :s AND placed > :t")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("OPEN"), ":t", n(0))));
        assertThat(open.count()).isEqualTo(15); // orders 4,8,12,16,20 for 3 users
        assertThat(open.items().get(0)).containsOnlyKeys("pk", "sk", "status", "placed", "amount");
        List<String> placed = numbers(open.items(), "placed");
        assertThat(placed).isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));

        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).indexName("byStatus").consistentRead(true)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("OPEN")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).indexName("byStatus").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("OPEN")))))
                .hasMessageContaining("projection type is not ALL");
    }

    @Test
    void indexEntriesFollowUpdatesAndDeletes() {
        dynamo.putItem(r -> r.tableName(TABLE).item(item(attr("pk", s("mover")), attr("sk", n(1)),
                attr("amount", n(1)), attr("status", s("MOVING")), attr("placed", n(1)))));
        assertThat(statusCount("MOVING")).isEqualTo(1);
        dynamo.updateItem(r -> r.tableName(TABLE).key(Map.of("pk", s("mover"), "sk", n(1)))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("MOVED"))));
        assertThat(statusCount("MOVING")).isZero();
        assertThat(statusCount("MOVED")).isEqualTo(1);
        dynamo.updateItem(r -> r.tableName(TABLE).key(Map.of("pk", s("mover"), "sk", n(1))).updateExpression("REMOVE placed"));
        assertThat(statusCount("MOVED")).isZero();
        dynamo.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", s("mover"), "sk", n(1))));
    }

    @Test
    void indexKeyTypeIsCheckedOnWrite() {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(TABLE).item(item(attr("pk", s("bad")), attr("sk", n(1)),
                attr("status", n(5))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus");
    }

    private static int statusCount(String status) {
        return dynamo.query(r -> r.tableName(TABLE).indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status)))).count();
    }

    @Test
    void localIndexOrdersByItsRangeKeyAndCanFetchAllAttributes() {
        QueryResponse byAmount = dynamo.query(r -> r.tableName(TABLE).indexName("byAmount")
                .keyConditionExpression("pk = :p AND amount < :a")
                .expressionAttributeValues(Map.of(":p", s("user1"), ":a", n(83))));
        assertThat(numbers(byAmount.items(), "amount")).containsExactly("80", "81", "82");
        assertThat(byAmount.items().get(0)).containsOnlyKeys("pk", "sk", "amount");

        QueryResponse full = dynamo.query(r -> r.tableName(TABLE).indexName("byAmount").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("pk = :p AND amount = :a")
                .expressionAttributeValues(Map.of(":p", s("user1"), ":a", n(80))));
        assertThat(full.items().get(0)).containsEntry("note", s("n20"));
    }

    @Test
    void keyConditionsAreCheckedAgainstTheSchema() {
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("sk = :s")
                .expressionAttributeValues(Map.of(":s", n(1)))))
                .hasMessageContaining("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p AND note = :n")
                .expressionAttributeValues(Map.of(":p", s("user1"), ":n", s("x")))))
                .hasMessageContaining("Query condition missed key schema element: sk");
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", n(1)))))
                .hasMessageContaining("Condition parameter type does not match schema type");
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(TABLE).indexName("nope").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("x")))))
                .hasMessageContaining("The table does not have the specified index: nope");
    }

    @Test
    void stringsSortByUtf8BytesAndBinariesUnsigned() {
        String table = createTable("pk", "sk", ScalarAttributeType.S);
        // U+FF21 (3 UTF-8 bytes) sorts before U+1F600 (4 bytes, a surrogate pair in UTF-16)
        for (String sk : List.of("\uD83D\uDE00", "\uFF21", "a", "B", "é")) {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s(sk))));
        }
        List<String> order = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))).items()) {
            order.add(item.get("sk").s());
        }
        assertThat(order).containsExactly("B", "a", "é", "\uFF21", "\uD83D\uDE00");

        String binTable = createTable("pk", "sk", ScalarAttributeType.B);
        for (int b : new int[] {0xFF, 0x01, 0x80, 0x7F}) {
            dynamo.putItem(r -> r.tableName(binTable).item(Map.of("pk", s("p"),
                    "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) b})))));
        }
        List<Integer> bytes = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(r -> r.tableName(binTable).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))).items()) {
            bytes.add(item.get("sk").b().asByteArray()[0] & 0xFF);
        }
        assertThat(bytes).containsExactly(0x01, 0x7F, 0x80, 0xFF);
    }

    @Test
    void beginsWithMatchesPrefixesInBothDirections() {
        String table = createTable("pk", "sk", ScalarAttributeType.S);
        for (String sk : List.of("a", "ab", "abc", "abd", "b", "aa")) {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", s(sk))));
        }
        for (boolean forward : new boolean[] {true, false}) {
            List<String> found = new ArrayList<>();
            for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :x)").scanIndexForward(forward)
                    .expressionAttributeValues(Map.of(":p", s("p"), ":x", s("ab"))).build()).items()) {
                found.add(item.get("sk").s());
            }
            assertThat(found).containsExactlyInAnyOrder("ab", "abc", "abd");
        }
    }

    @Test
    void parallelScanSegmentsCoverTheTableExactlyOnce() {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamo.scan(r -> r.tableName(TABLE).segment(seg).totalSegments(4).limit(7)
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    seen.add(item.get("pk").s() + "/" + item.get("sk").n());
                    total++;
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        int all = dynamo.scan(r -> r.tableName(TABLE).select(Select.COUNT)).count();
        assertThat(total).isEqualTo(all).isEqualTo(seen.size());
        assertThatThrownBy(() -> dynamo.scan(r -> r.tableName(TABLE).segment(4).totalSegments(4)))
                .hasMessageContaining("The Segment parameter is zero-based and must be less than parameter TotalSegments");
    }

    @Test
    void scanOfAnIndexAndWithFilterAndProjection() {
        ScanResponse index = dynamo.scan(r -> r.tableName(TABLE).indexName("byStatus"));
        assertThat(index.items()).allSatisfy(item -> assertThat(item).containsKey("status"));
        ScanResponse filtered = dynamo.scan(r -> r.tableName(TABLE).filterExpression("sk = :one")
                .projectionExpression("pk").expressionAttributeValues(Map.of(":one", n(1))));
        assertThat(filtered.count()).isEqualTo(3);
        assertThat(filtered.items()).allSatisfy(item -> assertThat(item).containsOnlyKeys("pk"));
    }

    @Test
    void pagesStopAtOneMegabyte() {
        String table = createTable("pk", "sk", ScalarAttributeType.N);
        String blob = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("p"), "sk", n(sk), "blob", s(blob))));
        }
        QueryResponse first = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(first.count()).isBetween(10, 11);
        assertThat(first.lastEvaluatedKey()).isNotEmpty();
        QueryResponse rest = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(first.count() + rest.count()).isEqualTo(15);
    }
}
