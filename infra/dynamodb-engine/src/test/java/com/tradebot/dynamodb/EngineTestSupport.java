package com.tradebot.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts one engine (in memory, free port) per test class and talks to it through the real AWS SDK. */
public abstract class EngineTestSupport {
    private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();

    protected static DynamoDbEngine engine;
    protected static DynamoDbClient dynamo;

    @BeforeAll
    static void startEngine() {
        engine = DynamoDbEngine.builder().port(0).start();
        dynamo = client(engine.endpoint());
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
        engine.close();
    }

    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + TABLE_COUNTER.incrementAndGet();
    }

    /** A pay-per-request table with a string hash key and an optional range key of the given type. */
    protected static String createTable(String hashKey, String rangeKey, ScalarAttributeType rangeType) {
        String name = uniqueName("table");
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (rangeKey == null) {
            request.attributeDefinitions(def(hashKey, ScalarAttributeType.S))
                    .keySchema(key(hashKey, KeyType.HASH));
        } else {
            request.attributeDefinitions(def(hashKey, ScalarAttributeType.S), def(rangeKey, rangeType))
                    .keySchema(key(hashKey, KeyType.HASH), key(rangeKey, KeyType.RANGE));
        }
        dynamo.createTable(request.build());
        return name;
    }

    protected static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    protected static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    protected static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    protected static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    protected static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    @SafeVarargs
    protected static Map<String, AttributeValue> item(Map.Entry<String, AttributeValue>... entries) {
        java.util.LinkedHashMap<String, AttributeValue> map = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    protected static Map.Entry<String, AttributeValue> attr(String name, AttributeValue value) {
        return Map.entry(name, value);
    }
}
