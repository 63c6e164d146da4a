package com.tradebot.dynamodb.conformance.durability;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tradebot.dynamodb.conformance.support.DynamoDbTarget;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Kills our engine's process with SIGKILL in the middle of a stream of writes and restarts it on the same data
 * directory: every write acknowledged before the kill, and the table with its index and TTL setting, must be there.
 */
@Tag("beyond-dynalite") // this exercises our engine's own process and storage
class CrashDurabilityTest {
    private static final String TABLE = "durable";
    private static final long FAR_FUTURE = 4_102_444_800L; // 2100-01-01, so the TTL sweeper leaves the items alone

    @Test
    void acknowledgedWritesSurviveAKill(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("engine.log");
        NavigableSet<Integer> acknowledged = new ConcurrentSkipListSet<>();
        AtomicLong acknowledgedAdds = new AtomicLong();
        AtomicLong attemptedAdds = new AtomicLong();

        try (EngineProcess first = EngineProcess.start(data, log)) {
            DynamoDbClient client = DynamoDbTarget.newClient(first.endpoint());
            createTableWithIndexAndTtl(client);

            Thread writer = new Thread(() -> writeUntilFailure(client, acknowledged, acknowledgedAdds, attemptedAdds), "durability-writer");
            writer.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
            first.kill();
            writer.join(30_000);
            assertThat(writer.isAlive()).isFalse();
        }

        try (EngineProcess second = EngineProcess.start(data, log)) {
            DynamoDbClient client = DynamoDbTarget.newClient(second.endpoint());

            var table = client.describeTable(r -> r.tableName(TABLE)).table();
            assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("byGroup");
            var ttl = client.describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");

            Set<Integer> stored = new HashSet<>();
            client.scanPaginator(r -> r.tableName(TABLE).consistentRead(true)).items().forEach(item -> {
                if (item.get("pk").s().startsWith("item")) {
                    int i = Integer.parseInt(item.get("v").n());
                    assertThat(item.get("pk").s()).isEqualTo("item" + i);
                    stored.add(i);
                }
            });
            assertThat(stored).as("every acknowledged write").containsAll(acknowledged);

            long counter = Long.parseLong(client.getItem(r -> r.tableName(TABLE).key(item("pk", s("counter"))).consistentRead(true))
                    .item().get("adds").n());
            assertThat(counter).isBetween(acknowledgedAdds.get(), attemptedAdds.get());

            Set<Integer> groupZero = new HashSet<>();
            client.queryPaginator(r -> r.tableName(TABLE).indexName("byGroup").keyConditionExpression("grp = :g")
                    .expressionAttributeValues(Map.of(":g", s("g0")))).items()
                    .forEach(item -> groupZero.add(Integer.parseInt(item.get("v").n())));
            assertThat(groupZero).containsAll(acknowledged.stream().filter(i -> i % 3 == 0).toList());
        }
    }

    @Test
    void schemaChangesSurviveAKill(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("engine.log");
        try (EngineProcess first = EngineProcess.start(data, log)) {
            DynamoDbClient client = DynamoDbTarget.newClient(first.endpoint());
            for (String name : List.of("kept", "dropped")) {
                client.createTable(r -> r.tableName(name).billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.describeTable(r -> r.tableName("kept")).table()
                    .tableStatus() == TableStatus.ACTIVE);
            client.putItem(r -> r.tableName("kept").item(item("pk", s("a"), "g", s("x"))));
            client.putItem(r -> r.tableName("dropped").item(item("pk", s("a"))));
            client.updateTable(r -> r.tableName("kept")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                            .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> client.describeTable(r -> r.tableName("kept")).table()
                    .globalSecondaryIndexes().stream().allMatch(i -> i.indexStatusAsString().equals("ACTIVE")));
            client.deleteTable(r -> r.tableName("dropped"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.listTables().tableNames().contains("dropped"));
            first.kill();
        }
        try (EngineProcess second = EngineProcess.start(data, log)) {
            DynamoDbClient client = DynamoDbTarget.newClient(second.endpoint());
            assertThat(client.listTables().tableNames()).containsExactly("kept");
            var items = client.query(r -> r.tableName("kept").indexName("byG").keyConditionExpression("g = :g")
                    .expressionAttributeValues(Map.of(":g", s("x")))).items();
            assertThat(items).containsExactly(item("pk", s("a"), "g", s("x")));
        }
    }

    private static void createTableWithIndexAndTtl(DynamoDbClient client) {
        client.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(List.of(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("grp").attributeType(ScalarAttributeType.S).build()))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGroup")
                        .keySchema(KeySchemaElement.builder().attributeName("grp").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeTable(r -> r.tableName(TABLE)).table().tableStatus() == TableStatus.ACTIVE);
        client.updateTimeToLive(r -> r.tableName(TABLE).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
    }

    /** Puts items (and bumps a counter every fifth step) until the server stops answering. */
    private static void writeUntilFailure(DynamoDbClient client, Set<Integer> acknowledged, AtomicLong acknowledgedAdds, AtomicLong attemptedAdds) {
        try {
            for (int i = 0; ; i++) {
                Map<String, AttributeValue> item = item("pk", s("item" + i), "grp", s("g" + (i % 3)), "v", n(i),
                        "expiresAt", n(FAR_FUTURE));
                client.putItem(r -> r.tableName(TABLE).item(item));
                acknowledged.add(i);
                if (i % 5 == 0) {
                    attemptedAdds.incrementAndGet();
                    client.updateItem(r -> r.tableName(TABLE).key(item("pk", s("counter"))).updateExpression("ADD adds :one")
                            .expressionAttributeValues(Map.of(":one", n(1))));
                    acknowledgedAdds.incrementAndGet();
                }
            }
        } catch (RuntimeException serverGone) {
            // expected once the process is killed
        }
    }
}
