package com.tradebot.dynamodb.conformance.tables;

import static com.tradebot.dynamodb.conformance.support.Values.item;
import static com.tradebot.dynamodb.conformance.support.Values.n;
import static com.tradebot.dynamodb.conformance.support.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class UpdateTableTest extends ConformanceTest {

    private GlobalSecondaryIndexUpdate createIndex(String name, String hashKey) {
        return GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(name).keySchema(hash(hashKey))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))).build();
    }

    private void awaitIndexActive(String table, String index) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            var indexes = db.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes();
            return indexes.stream().anyMatch(i -> i.indexName().equals(index) && i.indexStatus() == IndexStatus.ACTIVE);
        });
    }

    @Test
    @Tag("beyond-dynalite") // dynalite cannot add or remove indexes
    void addedGsiIsBackfilledWithExistingItems() {
        String table = provisionedTable();
        put(table, item("pk", s("a"), "colour", s("red"), "n", n(1)));
        put(table, item("pk", s("b"), "colour", s("red"), "n", n(2)));
        put(table, item("pk", s("c"), "colour", s("blue")));
        put(table, item("pk", s("d"))); // no index key: not in the index

        db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("colour", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(createIndex("byColour", "colour")));
        awaitIndexActive(table, "byColour");

        List<Map<String, AttributeValue>> red = db.query(r -> r.tableName(table).indexName("byColour")
                .keyConditionExpression("colour = :c").expressionAttributeValues(Map.of(":c", s("red")))).items();
        assertThat(red).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("a", "b");
        assertThat(db.scan(r -> r.tableName(table).indexName("byColour")).count()).isEqualTo(3);

        // writes after the backfill are indexed too
        put(table, item("pk", s("e"), "colour", s("red")));
        assertThat(db.query(r -> r.tableName(table).indexName("byColour")
                .keyConditionExpression("colour = :c").expressionAttributeValues(Map.of(":c", s("red")))).count()).isEqualTo(3);
    }

    @Test
    @Tag("beyond-dynalite")
    void removedGsiCanNoLongerBeQueried() {
        String table = provisionedTable();
        db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(createIndex("byG", "g")));
        awaitIndexActive(table, "byG");

        db.updateTable(r -> r.tableName(table)
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("byG")).build()));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<GlobalSecondaryIndexDescription> indexes = db.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes();
            return indexes.stream().noneMatch(i -> i.indexName().equals("byG"));
        });
        assertValidation("The table does not have the specified index: byG",
                () -> db.query(r -> r.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("x")))));
    }

    /** Provisioned, so that index creation with throughput is valid on every server. */
    private String provisionedTable() {
        return createTable(b -> b.billingMode("PROVISIONED")
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk")));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite accepts the deletion of an index that does not exist
    void deletingAMissingIndexIsRejected() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertError(DynamoDbException.class, 400, null,
                () -> db.updateTable(r -> r.tableName(table).globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("nope")).build())));
    }

    @Test
    void updatingAMissingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, null,
                () -> db.updateTable(r -> r.tableName("no_such_table_z").billingMode("PAY_PER_REQUEST")));
    }

    @Test
    void changesProvisionedThroughput() {
        String table = createTable(b -> b.billingMode("PROVISIONED")
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk")));
        db.updateTable(r -> r.tableName(table).provisionedThroughput(t -> t.readCapacityUnits(3L).writeCapacityUnits(4L)));
        awaitActive(table);
        var throughput = db.describeTable(r -> r.tableName(table)).table().provisionedThroughput();
        assertThat(throughput.readCapacityUnits()).isEqualTo(3L);
        assertThat(throughput.writeCapacityUnits()).isEqualTo(4L);
    }

    @Test
    @Tag("beyond-dynalite")
    void onDemandTablesTakeNewIndexesWithoutThroughput() {
        String table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("a"), "g", s("x")));
        db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byG").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))).build()));
        awaitIndexActive(table, "byG");
        assertThat(db.query(r -> r.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x")))).items()).containsExactly(item("pk", s("a"), "g", s("x")));
    }

    @Test
    @Tag("beyond-dynalite")
    void addingAnIndexThatExistsIsRejected() {
        String table = provisionedTable();
        db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(createIndex("byG", "g")));
        awaitIndexActive(table, "byG");
        assertError(DynamoDbException.class, 400, null, () -> db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(createIndex("byG", "g"))));
    }
}
