package com.tradebot.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The measured calls. Each call's answer is checked unless the server is the do-nothing one. */
public enum Operation {
    PUT_ITEM("PutItem", true) {
        @Override
        public void invoke(DynamoDbClient client, int thread, long iteration, boolean checkAnswer) {
            String pk = "put#" + thread + "#" + (iteration % KEYS_PER_THREAD);
            client.putItem(put -> put.tableName(BenchTable.NAME).item(BenchTable.smallItem(pk, "0")));
        }
    },
    GET_ITEM("GetItem", true) {
        @Override
        public void invoke(DynamoDbClient client, int thread, long iteration, boolean checkAnswer) {
            String pk = "get#" + ThreadLocalRandom.current().nextInt(BenchTable.GET_KEYS);
            GetItemResponse response = client.getItem(get -> get.tableName(BenchTable.NAME).key(BenchTable.key(pk, "0")));
            if (checkAnswer && !response.hasItem()) {
                throw new WrongAnswerException("GetItem found no item for " + pk);
            }
        }
    },
    QUERY_100("Query (100 items)", true) {
        @Override
        public void invoke(DynamoDbClient client, int thread, long iteration, boolean checkAnswer) {
            QueryResponse response = client.query(query -> query.tableName(BenchTable.NAME)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(BenchTable.QUERY_PARTITION))));
            if (checkAnswer && response.count() != BenchTable.QUERY_ITEMS) {
                throw new WrongAnswerException("Query returned " + response.count() + " items, expected " + BenchTable.QUERY_ITEMS);
            }
        }
    },
    TRANSACT_WRITE_4("TransactWriteItems (4 puts)", false) {
        @Override
        public void invoke(DynamoDbClient client, int thread, long iteration, boolean checkAnswer) {
            String pk = "tx#" + thread + "#" + (iteration % KEYS_PER_THREAD);
            List<TransactWriteItem> puts = new ArrayList<>(TRANSACTION_SIZE);
            for (int i = 0; i < TRANSACTION_SIZE; i++) {
                Put put = Put.builder().tableName(BenchTable.NAME).item(BenchTable.smallItem(pk, Integer.toString(i))).build();
                puts.add(TransactWriteItem.builder().put(put).build());
            }
            client.transactWriteItems(transaction -> transaction.transactItems(puts));
        }
    };

    /** Written keys cycle within this bound so the store stops growing during long runs. */
    private static final int KEYS_PER_THREAD = 10_000;
    private static final int TRANSACTION_SIZE = 4;

    private final String label;
    private final boolean dynaliteSupports;

    Operation(String label, boolean dynaliteSupports) {
        this.label = label;
        this.dynaliteSupports = dynaliteSupports;
    }

    public abstract void invoke(DynamoDbClient client, int thread, long iteration, boolean checkAnswer);

    public String label() {
        return label;
    }

    /** dynalite has no transactions, so TransactWriteItems is measured on the engine and the ceiling only. */
    public boolean dynaliteSupports() {
        return dynaliteSupports;
    }

    public static Operation parse(String name) {
        return switch (name.trim().toLowerCase()) {
            case "put", "putitem" -> PUT_ITEM;
            case "get", "getitem" -> GET_ITEM;
            case "query" -> QUERY_100;
            case "transact", "transactwriteitems" -> TRANSACT_WRITE_4;
            default -> throw new IllegalArgumentException("unknown operation '" + name + "' (put, get, query, transact)");
        };
    }

    /** The server answered, but not what the workload stored. */
    public static final class WrongAnswerException extends RuntimeException {
        public WrongAnswerException(String message) {
            super(message);
        }
    }
}
