package com.tradebot.dynamodb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Data written to a --data directory survives a kill -9 of the engine's JVM and reopens as it was. */
class DurabilityTest {
    private static final Pattern ENDPOINT = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");

    @TempDir
    Path dataDir;

    private Process startChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.tradebot.dynamodb.Main", "--port", "0", "--data", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process;
    }

    private static URI awaitEndpoint(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                return URI.create(m.group());
            }
        }
        throw new IllegalStateException("the engine exited without printing its endpoint");
    }

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        Process child = startChild();
        List<Integer> acknowledged = new ArrayList<>();
        try {
            URI endpoint = awaitEndpoint(child);
            try (DynamoDbClient client = EngineTestSupport.client(endpoint)) {
                client.createTable(r -> r.tableName("journal").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.N))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    child.destroyForcibly();
                });
                killer.start();
                try {
                    for (int i = 0; i < 100_000; i++) {
                        int id = i;
                        client.putItem(r -> r.tableName("journal").item(Map.of(
                                "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(id)),
                                "payload", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("entry " + id))));
                        acknowledged.add(id);
                    }
                } catch (RuntimeException expectedWhenKilled) {
                    // the engine died mid-stream
                }
                killer.join();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).isNotEmpty();

        try (DynamoDbEngine reopened = DynamoDbEngine.builder().dataDir(dataDir).start();
             DynamoDbClient client = EngineTestSupport.client(reopened.endpoint())) {
            List<Integer> missing = new ArrayList<>();
            for (int id : acknowledged) {
                var item = client.getItem(r -> r.tableName("journal").key(Map.of(
                        "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(id))))).item();
                if (item == null || item.isEmpty() || !("entry " + id).equals(item.get("payload").s())) {
                    missing.add(id);
                }
            }
            assertThat(missing).isEmpty();
        }
    }

    @Test
    void reopenedDirectoryKeepsTablesIndexesTtlAndItems() {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().dataDir(dataDir).start();
             DynamoDbClient client = EngineTestSupport.client(engine.endpoint())) {
            client.createTable(r -> r.tableName("signals").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("strategy").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStrategy")
                            .keySchema(k -> k.attributeName("strategy").keyType(KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
            client.updateTimeToLive(r -> r.tableName("signals").timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
            for (int i = 0; i < 10; i++) {
                int n = i;
                client.putItem(r -> r.tableName("signals").item(Map.of(
                        "pk", EngineTestSupport.s("sig" + n), "strategy", EngineTestSupport.s(n < 4 ? "alpha" : "beta"))));
            }
            client.deleteItem(r -> r.tableName("signals").key(Map.of("pk", EngineTestSupport.s("sig0"))));
            client.createTable(r -> r.tableName("dropped").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            client.deleteTable(r -> r.tableName("dropped"));
        }

        try (DynamoDbEngine engine = DynamoDbEngine.builder().dataDir(dataDir).start();
             DynamoDbClient client = EngineTestSupport.client(engine.endpoint())) {
            assertThat(client.listTables().tableNames()).containsExactly("signals");
            TableDescription table = client.describeTable(r -> r.tableName("signals")).table();
            assertThat(table.itemCount()).isEqualTo(9L);
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("byStrategy");
            assertThat(client.describeTimeToLive(r -> r.tableName("signals")).timeToLiveDescription().timeToLiveStatus())
                    .isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(client.query(r -> r.tableName("signals").indexName("byStrategy").keyConditionExpression("strategy = :s")
                    .expressionAttributeValues(Map.of(":s", EngineTestSupport.s("alpha")))).count()).isEqualTo(3);
        }
    }
}
