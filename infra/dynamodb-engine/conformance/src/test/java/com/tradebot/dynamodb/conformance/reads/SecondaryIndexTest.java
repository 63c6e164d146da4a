package com.tradebot.dynamodb.conformance.reads;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Indexes follow every write: sparse entries, key changes, removals, deletes, projections. */
class SecondaryIndexTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("owner", ScalarAttributeType.S), attribute("score", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byOwner").keySchema(hash("owner"), range("score"))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("title")).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byScore").keySchema(hash("pk"), range("score"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
    }

    private List<Map<String, AttributeValue>> byOwner(String owner) {
        return db.query(r -> r.tableName(table).indexName("byOwner").keyConditionExpression("#o = :o")
                .expressionAttributeNames(names("#o", "owner")).expressionAttributeValues(Map.of(":o", s(owner)))).items();
    }

    @Test
    void itemsWithoutTheIndexKeyAreNotIndexed() {
        put(table, item("pk", s("p"), "sk", s("1"), "owner", s("ann"), "score", n(5)));
        put(table, item("pk", s("p"), "sk", s("2"), "owner", s("ann"))); // no score: sparse
        assertThat(byOwner("ann")).hasSize(1);
        assertThat(db.scan(r -> r.tableName(table).indexName("byOwner")).count()).isEqualTo(1);
    }

    @Test
    void includeProjectionReturnsKeysAndIncludedAttributesOnly() {
        put(table, item("pk", s("p"), "sk", s("1"), "owner", s("ann"), "score", n(5), "title", s("T"), "body", s("B")));
        assertThat(byOwner("ann")).containsExactly(
                item("pk", s("p"), "sk", s("1"), "owner", s("ann"), "score", n(5), "title", s("T")));
    }

    @Test
    void changingTheIndexKeyMovesTheEntry() {
        put(table, item("pk", s("p"), "sk", s("1"), "owner", s("ann"), "score", n(5)));
        db.updateItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("1"))).updateExpression("SET #o = :bob")
                .expressionAttributeNames(names("#o", "owner")).expressionAttributeValues(Map.of(":bob", s("bob"))));
        assertThat(byOwner("ann")).isEmpty();
        assertThat(byOwner("bob")).hasSize(1);
    }

    @Test
    void removingTheIndexKeyOrDeletingTheItemRemovesTheEntry() {
        put(table, item("pk", s("p"), "sk", s("1"), "owner", s("ann"), "score", n(5)));
        put(table, item("pk", s("p"), "sk", s("2"), "owner", s("ann"), "score", n(6)));
        db.updateItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("1"))).updateExpression("REMOVE score"));
        db.deleteItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("2"))));
        assertThat(byOwner("ann")).isEmpty();
    }

    @Test
    void indexEntriesSortByTheIndexSortKeyThenTheTableKey() {
        put(table, item("pk", s("p2"), "sk", s("1"), "owner", s("ann"), "score", n(1)));
        put(table, item("pk", s("p1"), "sk", s("1"), "owner", s("ann"), "score", n(2)));
        put(table, item("pk", s("p1"), "sk", s("2"), "owner", s("ann"), "score", n(-3)));
        assertThat(byOwner("ann")).extracting(i -> i.get("score").n()).containsExactly("-3", "1", "2");
    }

    @Test
    void localIndexOrdersThePartitionByItsSortKey() {
        put(table, item("pk", s("p"), "sk", s("a"), "score", n(30)));
        put(table, item("pk", s("p"), "sk", s("b"), "score", n(10)));
        put(table, item("pk", s("p"), "sk", s("c"), "score", n(20)));
        put(table, item("pk", s("p"), "sk", s("d"))); // not in the local index
        var response = db.query(r -> r.tableName(table).indexName("byScore").keyConditionExpression("pk = :p AND score >= :min")
                .expressionAttributeValues(Map.of(":p", s("p"), ":min", n(15))));
        assertThat(response.items()).extracting(i -> i.get("sk").s()).containsExactly("c", "a");
    }

    @Test
    void localIndexAllowsConsistentReads() {
        put(table, item("pk", s("p"), "sk", s("a"), "score", n(30)));
        var response = db.query(r -> r.tableName(table).indexName("byScore").consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(response.count()).isEqualTo(1);
    }

    @Test
    void indexKeyOfTheWrongTypeIsRejectedOnUpdateToo() {
        put(table, item("pk", s("p"), "sk", s("1")));
        assertValidationStartsWith("One or more parameter values were invalid: Type mismatch for Index Key score Expected: N Actual: S IndexName: ",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("1"))).updateExpression("SET score = :v")
                        .expressionAttributeValues(Map.of(":v", s("high")))));
    }
}
