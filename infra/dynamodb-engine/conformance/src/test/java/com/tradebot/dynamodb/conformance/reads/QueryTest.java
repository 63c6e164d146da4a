package com.tradebot.dynamodb.conformance.reads;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

class QueryTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("status", ScalarAttributeType.S), attribute("created", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(hash("status"), range("sk")).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byCreated")
                        .keySchema(hash("pk"), range("created")).projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        for (int i = 1; i <= 10; i++) {
            put(table, item("pk", s("user"), "sk", n(i), "status", s(i % 2 == 0 ? "even" : "odd"),
                    "created", s("2024-01-" + (i < 10 ? "0" + i : i)), "payload", s("p" + i)));
        }
        put(table, item("pk", s("other"), "sk", n(1), "status", s("odd")));
    }

    private QueryResponse query(java.util.function.Consumer<QueryRequest.Builder> request) {
        return db.query(request);
    }

    private static List<Long> sortKeys(QueryResponse response) {
        return response.items().stream().map(i -> Long.parseLong(i.get("sk").n())).toList();
    }

    @Test
    void returnsThePartitionInSortKeyOrder() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("user"))));
        assertThat(sortKeys(response)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.lastEvaluatedKey()).isEmpty();
    }

    @Test
    void scanIndexForwardFalseReverses() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":p", s("user"))).limit(3));
        assertThat(sortKeys(response)).containsExactly(10L, 9L, 8L);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("user"), "sk", n(8)));
    }

    @Test
    void sortKeyComparisons() {
        Map<String, List<Long>> expected = Map.of(
                "sk < :a", List.of(1L, 2L),
                "sk <= :a", List.of(1L, 2L, 3L),
                "sk > :b", List.of(9L, 10L),
                "sk >= :b", List.of(8L, 9L, 10L),
                "sk = :a", List.of(3L),
                "sk BETWEEN :a AND :c", List.of(3L, 4L, 5L));
        expected.forEach((condition, keys) -> {
            var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p AND " + condition)
                    .expressionAttributeValues(values(condition)));
            assertThat(sortKeys(response)).as(condition).isEqualTo(keys);
        });
    }

    private static Map<String, AttributeValue> values(String condition) {
        var values = new java.util.HashMap<String, AttributeValue>();
        values.put(":p", s("user"));
        if (condition.contains(":a")) values.put(":a", n(3));
        if (condition.contains(":b")) values.put(":b", n(8));
        if (condition.contains(":c")) values.put(":c", n(5));
        return values;
    }

    @Test
    void beginsWithOnAStringSortKeyViaTheLocalIndex() {
        var response = query(r -> r.tableName(table).indexName("byCreated")
                .keyConditionExpression("pk = :p AND begins_with(created, :prefix)")
                .expressionAttributeValues(Map.of(":p", s("user"), ":prefix", s("2024-01-0"))));
        assertThat(response.count()).isEqualTo(9);
        assertThat(response.items().get(0).get("payload")).isEqualTo(s("p1"));
    }

    @Test
    void filterIsAppliedAfterTheKeyConditionAndCountsDiffer() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("#s = :even").expressionAttributeNames(names("#s", "status"))
                .expressionAttributeValues(Map.of(":p", s("user"), ":even", s("even"))));
        assertThat(sortKeys(response)).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(response.count()).isEqualTo(5);
        assertThat(response.scannedCount()).isEqualTo(10);
    }

    @Test
    void limitCountsEvaluatedItemsBeforeTheFilter() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(4)
                .filterExpression("#s = :even").expressionAttributeNames(names("#s", "status"))
                .expressionAttributeValues(Map.of(":p", s("user"), ":even", s("even"))));
        assertThat(sortKeys(response)).containsExactly(2L, 4L);
        assertThat(response.scannedCount()).isEqualTo(4);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("user"), "sk", n(4)));
    }

    @Test
    void selectCountReturnsNoItems() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("user"))));
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void keysOnlyGsiReturnsTableAndIndexKeys() {
        var response = query(r -> r.tableName(table).indexName("byStatus").keyConditionExpression("#s = :odd AND sk > :one")
                .expressionAttributeNames(names("#s", "status"))
                .expressionAttributeValues(Map.of(":odd", s("odd"), ":one", n(1))));
        assertThat(response.items()).containsExactly(
                item("pk", s("user"), "sk", n(3), "status", s("odd")),
                item("pk", s("user"), "sk", n(5), "status", s("odd")),
                item("pk", s("user"), "sk", n(7), "status", s("odd")),
                item("pk", s("user"), "sk", n(9), "status", s("odd")));
    }

    @Test
    void gsiPagesWithTheTableAndIndexKeys() {
        var first = query(r -> r.tableName(table).indexName("byStatus").keyConditionExpression("#s = :odd")
                .expressionAttributeNames(names("#s", "status")).expressionAttributeValues(Map.of(":odd", s("odd"))).limit(2));
        assertThat(first.lastEvaluatedKey()).containsOnlyKeys("pk", "sk", "status");
        var second = query(r -> r.tableName(table).indexName("byStatus").keyConditionExpression("#s = :odd")
                .expressionAttributeNames(names("#s", "status")).expressionAttributeValues(Map.of(":odd", s("odd")))
                .exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(first.count() + second.count()).isEqualTo(6);
    }

    @Test
    void consistentReadOnAGsiIsRejected() {
        assertValidation("Consistent reads are not supported on global secondary indexes",
                () -> query(r -> r.tableName(table).indexName("byStatus").consistentRead(true).keyConditionExpression("#s = :odd")
                        .expressionAttributeNames(names("#s", "status")).expressionAttributeValues(Map.of(":odd", s("odd")))));
    }

    @Test
    void missingIndexIsRejected() {
        assertValidation("The table does not have the specified index: nope",
                () -> query(r -> r.tableName(table).indexName("nope").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("user")))));
    }

    @Test
    void keyConditionWithoutThePartitionKeyIsRejected() {
        assertValidation("Query condition missed key schema element: pk",
                () -> query(r -> r.tableName(table).keyConditionExpression("sk = :v").expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void keyConditionOnANonKeyAttributeIsRejected() {
        assertValidation("Query condition missed key schema element: sk",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p AND payload = :v")
                        .expressionAttributeValues(Map.of(":p", s("user"), ":v", s("p1")))));
    }

    @Test
    void beginsWithOnANumberSortKeyIsRejected() {
        assertValidation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: begins_with, operand type: N",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :v)")
                        .expressionAttributeValues(Map.of(":p", s("user"), ":v", n(1)))));
    }

    @Test
    void filterOnAKeyAttributeIsRejected() {
        assertValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p").filterExpression("sk > :v")
                        .expressionAttributeValues(Map.of(":p", s("user"), ":v", n(1)))));
    }

    @Test
    void orInAKeyConditionIsRejected() {
        assertValidation("Invalid operator used in KeyConditionExpression: OR",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p OR sk = :v")
                        .expressionAttributeValues(Map.of(":p", s("user"), ":v", n(1)))));
    }

    @Test
    void limitZeroIsRejected() {
        assertValidation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(0)
                        .expressionAttributeValues(Map.of(":p", s("user")))));
    }

    @Test
    void exclusiveStartKeyOfAnotherPartitionIsRejected() {
        assertValidation("The provided starting key is outside query boundaries based on provided conditions",
                () -> query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                        .exclusiveStartKey(item("pk", s("other"), "sk", n(1)))
                        .expressionAttributeValues(Map.of(":p", s("user")))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite does not fetch non-projected attributes through a local index
    void localIndexFetchesAttributesOutsideItsProjection() {
        String lsiTable = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("alt", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byAlt")
                        .keySchema(hash("pk"), range("alt")).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        put(lsiTable, item("pk", s("a"), "sk", s("1"), "alt", s("x"), "extra", s("e")));
        var response = db.query(r -> r.tableName(lsiTable).indexName("byAlt").keyConditionExpression("pk = :p")
                .projectionExpression("extra").expressionAttributeValues(Map.of(":p", s("a"))));
        assertThat(response.items()).containsExactly(item("extra", s("e")));
    }

    @Test
    void allAttributesFromAKeysOnlyGsiIsRejected() {
        assertValidation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index byStatus because its projection type is not ALL",
                () -> query(r -> r.tableName(table).indexName("byStatus").select(Select.ALL_ATTRIBUTES)
                        .keyConditionExpression("#s = :odd").expressionAttributeNames(names("#s", "status"))
                        .expressionAttributeValues(Map.of(":odd", s("odd")))));
    }

    @Test
    void selectCountWithLimitCountsAPage() {
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p").select(Select.COUNT).limit(4)
                .expressionAttributeValues(Map.of(":p", s("user"))));
        assertThat(response.count()).isEqualTo(4);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("user"), "sk", n(4)));
    }

    @Test
    void filterComparingTwoAttributes() {
        put(table, item("pk", s("cmp"), "sk", n(1), "low", n(1), "high", n(2)));
        put(table, item("pk", s("cmp"), "sk", n(2), "low", n(3), "high", n(2)));
        var response = query(r -> r.tableName(table).keyConditionExpression("pk = :p").filterExpression("low < high")
                .expressionAttributeValues(Map.of(":p", s("cmp"))));
        assertThat(sortKeys(response)).containsExactly(1L);
    }
}
