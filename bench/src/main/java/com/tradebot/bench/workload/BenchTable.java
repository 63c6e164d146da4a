package com.tradebot.bench.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The benchmark's table (pk, sk strings) and its items of about 100 bytes. */
public final class BenchTable {
    public static final String NAME = "bench";
    public static final int GET_KEYS = 1_000;
    public static final String QUERY_PARTITION = "query";
    public static final int QUERY_ITEMS = 100;
    private static final int BATCH_LIMIT = 25;
    /** 64 characters: with keys, a number and attribute names the item is about 100 bytes. */
    private static final String PAYLOAD = "x".repeat(64);

    private BenchTable() {
    }

    public static void create(DynamoDbClient client) {
        client.createTable(table -> table.tableName(NAME)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        awaitActive(client, Duration.ofSeconds(30));
    }

    /** Loads the items GetItem and Query read. */
    public static void loadReadSet(DynamoDbClient client) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < GET_KEYS; i++) {
            items.add(smallItem("get#" + i, "0"));
        }
        for (int i = 0; i < QUERY_ITEMS; i++) {
            items.add(smallItem(QUERY_PARTITION, String.format("%03d", i)));
        }
        batchWrite(client, NAME, items);
    }

    public static Map<String, AttributeValue> smallItem(String pk, String sk) {
        return item(pk, sk, PAYLOAD);
    }

    public static Map<String, AttributeValue> item(String pk, String sk, String payload) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        item.put("payload", AttributeValue.fromS(payload));
        item.put("qty", AttributeValue.fromN("12345"));
        return item;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    /** Writes in batches of 25, resending unprocessed items until all are stored. */
    public static void batchWrite(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + BATCH_LIMIT)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = client.batchWriteItem(batch -> batch.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static void awaitActive(DynamoDbClient client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (client.describeTable(describe -> describe.tableName(NAME)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + NAME + " not ACTIVE after " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
