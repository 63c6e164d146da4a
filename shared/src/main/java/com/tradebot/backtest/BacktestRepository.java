package com.tradebot.backtest;

import com.tradebot.storage.Attr;
import com.tradebot.storage.TableKeys;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Backtest jobs on the single table. Results can be megabytes (every trade), so they are stored gzipped and cut
 * into parts of at most {@value #PART_BYTES} bytes, one item each, far below the 400 KB item limit.
 * <pre>
 * job:     PK BACKTEST#id  SK JOB               GSI1 USERBACKTESTS#userId / createdAt#id
 * partial: PK BACKTEST#id  SK PART#000042#000  (one Map iteration's output, gzipped JSON, possibly several parts)
 * result:  PK BACKTEST#id  SK RESULT#000       (the final result, gzipped JSON in parts)
 * </pre>
 */
public final class BacktestRepository {
    static final int PART_BYTES = 300_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public BacktestRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void create(BacktestJob job) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, Attr.s(pk(job.id())));
        item.put(TableKeys.SK, Attr.s("JOB"));
        item.put(TableKeys.TYPE, Attr.s("Backtest"));
        item.put(TableKeys.GSI1_PK, Attr.s("USERBACKTESTS#" + job.userId()));
        item.put(TableKeys.GSI1_SK, Attr.s(job.createdAt() + "#" + job.id()));
        item.put("userId", Attr.s(job.userId()));
        item.put("kind", Attr.s(job.kind().name()));
        item.put("jobStatus", Attr.s(job.status().name()));
        item.put("request", Attr.s(job.request()));
        item.put("createdAt", Attr.s(job.createdAt().toString()));
        item.put("updatedAt", Attr.s(job.updatedAt().toString()));
        item.put("totalItems", Attr.n(0));
        item.put("completedItems", Attr.n(0));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    public Optional<BacktestJob> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(id, "JOB"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJob(item));
    }

    /** The user's jobs, newest first. */
    public Page history(String userId, int limit, Map<String, AttributeValue> startKey) {
        QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableKeys.GSI1)
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(
                        Map.of(":pk", Attr.s("USERBACKTESTS#" + userId)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(startKey).build());
        return new Page(page.items().stream().map(BacktestRepository::toJob).toList(),
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    /** A page of jobs and the key to continue from (null at the end). */
    public record Page(List<BacktestJob> jobs, Map<String, AttributeValue> next) {
    }

    public void setTotal(String id, long total) {
        dynamo.updateItem(r -> r.tableName(table).key(key(id, "JOB"))
                .updateExpression("SET totalItems = :t, updatedAt = :now")
                .conditionExpression("jobStatus = :running")
                .expressionAttributeValues(Map.of(":t", Attr.n(total), ":now", Attr.s(Instant.now().toString()),
                        ":running", Attr.s(BacktestStatus.RUNNING.name()))));
    }

    public void addProgress(String id, long done) {
        dynamo.updateItem(r -> r.tableName(table).key(key(id, "JOB"))
                .updateExpression("ADD completedItems :d SET updatedAt = :now")
                .expressionAttributeValues(Map.of(":d", Attr.n(done), ":now", Attr.s(Instant.now().toString()))));
    }

    /** RUNNING → SUCCEEDED or FAILED exactly once; false when the job had already finished. */
    public boolean finish(String id, BacktestStatus status, String summary, String error) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", Attr.s(status.name()));
        values.put(":running", Attr.s(BacktestStatus.RUNNING.name()));
        values.put(":now", Attr.s(Instant.now().toString()));
        String set = "SET jobStatus = :s, updatedAt = :now";
        if (summary != null) {
            set += ", summary = :sum";
            values.put(":sum", Attr.s(summary));
        }
        if (error != null) {
            set += ", jobError = :err";
            values.put(":err", Attr.s(error.length() > 2000 ? error.substring(0, 2000) : error));
        }
        String expression = set;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id, "JOB")).updateExpression(expression)
                    .conditionExpression("jobStatus = :running").expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Stores a blob under {@code prefix}, replacing parts of an earlier attempt (a retried task writes the same keys). */
    public void putBlob(String id, String prefix, byte[] data) {
        int parts = Math.max(1, (data.length + PART_BYTES - 1) / PART_BYTES);
        for (int p = 0; p < parts; p++) {
            int from = p * PART_BYTES;
            int to = Math.min(data.length, from + PART_BYTES);
            Map<String, AttributeValue> item = new HashMap<>(key(id, prefix + String.format("#%03d", p)));
            item.put(TableKeys.TYPE, Attr.s("BacktestBlob"));
            item.put("parts", Attr.n(parts));
            item.put("data", AttributeValue.builder().b(SdkBytes.fromByteArray(
                    java.util.Arrays.copyOfRange(data, from, to))).build());
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
    }

    /** Every blob whose key starts with {@code prefix}, grouped by full blob name, in key order. */
    public Map<String, byte[]> blobs(String id, String prefix) {
        Map<String, ByteArrayOutputStream> out = new java.util.LinkedHashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(pk(id)), ":p", Attr.s(prefix)))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Attr.str(item, TableKeys.SK);
                String name = sk.substring(0, sk.lastIndexOf('#'));
                out.computeIfAbsent(name, k -> new ByteArrayOutputStream()).writeBytes(item.get("data").b().asByteArray());
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        Map<String, byte[]> result = new java.util.LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, v.toByteArray()));
        return result;
    }

    private static BacktestJob toJob(Map<String, AttributeValue> item) {
        return new BacktestJob(Attr.str(item, TableKeys.PK).substring("BACKTEST#".length()), Attr.str(item, "userId"),
                BacktestKind.valueOf(Attr.str(item, "kind")), BacktestStatus.valueOf(Attr.str(item, "jobStatus")),
                Attr.str(item, "request"), Attr.instant(item, "createdAt"), Attr.instant(item, "updatedAt"),
                Attr.num(item, "totalItems", 0), Attr.num(item, "completedItems", 0), Attr.str(item, "jobError"),
                Attr.str(item, "summary"));
    }

    private static Map<String, AttributeValue> key(String id, String sk) {
        return Map.of(TableKeys.PK, Attr.s(pk(id)), TableKeys.SK, Attr.s(sk));
    }

    private static String pk(String id) {
        return "BACKTEST#" + id;
    }

    static List<String> names(Map<String, byte[]> blobs) {
        return new ArrayList<>(blobs.keySet());
    }
}
