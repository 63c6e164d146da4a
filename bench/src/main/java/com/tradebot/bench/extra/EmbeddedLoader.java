package com.tradebot.bench.extra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.bench.workload.BenchTable;
import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.dynamodb.protocol.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Fills an engine through its embedding API ({@code handle}), skipping HTTP and the SDK so that
 * a million items load in seconds, not minutes; the throughput matrix covers the HTTP path.
 */
final class EmbeddedLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final DynamoDbEngine engine;

    EmbeddedLoader(DynamoDbEngine engine) {
        this.engine = engine;
    }

    void createBenchTable() {
        ObjectNode request = JSON.createObjectNode().put("TableName", BenchTable.NAME).put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode attributes = request.putArray("AttributeDefinitions");
        attributes.addObject().put("AttributeName", "pk").put("AttributeType", "S");
        attributes.addObject().put("AttributeName", "sk").put("AttributeType", "S");
        ArrayNode keys = request.putArray("KeySchema");
        keys.addObject().put("AttributeName", "pk").put("KeyType", "HASH");
        keys.addObject().put("AttributeName", "sk").put("KeyType", "RANGE");
        call("CreateTable", request);
    }

    /**
     * Writes items {@code prefix + i} with a random payload of {@code payloadChars} letters, in
     * batches of 25, until {@code count} are written, the deadline passes or {@code stop} says so.
     */
    long load(String prefix, int payloadChars, long count, long deadlineNanos, BooleanSupplier stop) {
        long written = 0;
        while (written < count && System.nanoTime() < deadlineNanos && !stop.getAsBoolean()) {
            ObjectNode request = JSON.createObjectNode();
            ArrayNode writes = request.putObject("RequestItems").putArray(BenchTable.NAME);
            long end = Math.min(count, written + BATCH);
            for (long i = written; i < end; i++) {
                ObjectNode item = writes.addObject().putObject("PutRequest").putObject("Item");
                item.putObject("pk").put("S", prefix + i);
                item.putObject("sk").put("S", "0");
                // Random letters, so neither a compressing store nor string sharing can shrink the data.
                item.putObject("payload").put("S", randomText(payloadChars));
                item.putObject("qty").put("N", "12345");
            }
            ObjectNode answer = call("BatchWriteItem", request);
            if (answer.path("UnprocessedItems").size() > 0) {
                throw new IllegalStateException("the engine left items unprocessed: " + answer);
            }
            written = end;
        }
        return written;
    }

    private ObjectNode call(String operation, ObjectNode request) {
        try {
            Response response = engine.handle(operation, JSON.writeValueAsBytes(request));
            if (response.status() != 200) {
                throw new IllegalStateException(operation + " answered " + response.status() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return (ObjectNode) JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomText(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = LETTERS[random.nextInt(LETTERS.length)];
        }
        return new String(text);
    }
}
