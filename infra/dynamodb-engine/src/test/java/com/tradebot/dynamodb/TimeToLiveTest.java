package com.tradebot.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TimeToLiveTest {

    @Test
    void backgroundSweepDeletesOnlyExpiredItems() {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().ttlSweepInterval(Duration.ofMillis(100)).start();
             DynamoDbClient dynamo = EngineTestSupport.client(engine.endpoint())) {
            dynamo.createTable(r -> r.tableName("sessions").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            long now = Instant.now().getEpochSecond();
            put(dynamo, "expired", AttributeValue.fromN(Long.toString(now - 10)));
            put(dynamo, "future", AttributeValue.fromN(Long.toString(now + 3600)));
            put(dynamo, "not-a-number", AttributeValue.fromS(Long.toString(now - 10)));
            put(dynamo, "ancient", AttributeValue.fromN(Long.toString(now - 6L * 365 * 24 * 3600)));

            // before TTL is enabled nothing is swept; expired items are still readable
            assertThat(engine.sweepExpiredItems()).isZero();
            assertThat(exists(dynamo, "expired")).isTrue();

            dynamo.updateTimeToLive(r -> r.tableName("sessions").timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !exists(dynamo, "expired"));
            assertThat(exists(dynamo, "future")).isTrue();
            assertThat(exists(dynamo, "not-a-number")).isTrue();
            assertThat(exists(dynamo, "ancient")).isTrue();
        }
    }

    private static void put(DynamoDbClient dynamo, String id, AttributeValue expiresAt) {
        dynamo.putItem(r -> r.tableName("sessions").item(Map.of("id", AttributeValue.fromS(id), "expiresAt", expiresAt)));
    }

    private static boolean exists(DynamoDbClient dynamo, String id) {
        return dynamo.getItem(r -> r.tableName("sessions").key(Map.of("id", AttributeValue.fromS(id)))).hasItem();
    }
}
