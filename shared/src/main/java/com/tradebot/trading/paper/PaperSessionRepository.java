package com.tradebot.trading.paper;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.common.Json;
import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Paper sessions: {@code PAPERSESSION#<id>} / {@code SESSION}, the session gzipped as one JSON document (results stay
 * far below the item limit: the equity curve is capped at 2,000 points); a user's sessions on GSI1
 * {@code USERPAPER#<userId>} newest first. Running live sessions are also on GSI2 {@code PAPERLIVE} (a sparse
 * index entry removed when the session stops), which is what the 1-minute tick reads; a {@code version} attribute
 * makes every update conditional, so a tick and a stop never overwrite each other.
 */
public final class PaperSessionRepository {
    /** Compressed size refused before it nears DynamoDB's 400 KB item limit. */
    static final int MAX_DOCUMENT_BYTES = 350_000;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PaperSessionRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Stores a new session; false if the compressed document is too large to store. */
    public boolean insert(PaperSession session) {
        Map<String, AttributeValue> item = item(session.withVersion(1));
        if (item == null) {
            return false;
        }
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
        return true;
    }

    /**
     * Replaces the session if it is still at {@code session.version()}; the stored version is one more. Empty when
     * someone else changed it first (or it is gone); {@link SessionTooLarge} when the document outgrew the item.
     */
    public Optional<PaperSession> update(PaperSession session) {
        long expected = session.version() == null ? 0 : session.version();
        PaperSession next = session.withVersion(expected + 1);
        Map<String, AttributeValue> item = item(next);
        if (item == null) {
            throw new SessionTooLarge();
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", Attr.n(expected))));
            return Optional.of(next);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Ids of the live sessions still running (GSI2, eventually consistent: the tick re-reads each one). */
    public List<String> running() {
        List<String> ids = new java.util.ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s(RUNNING_LIVE)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(Attr.str(item, GSI2_SK)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return ids;
    }

    /** The session no longer fits in one item (a live session that ran for very long). */
    public static final class SessionTooLarge extends RuntimeException {
        SessionTooLarge() {
            super("session document above " + MAX_DOCUMENT_BYTES + " bytes");
        }
    }

    private static final String RUNNING_LIVE = "PAPERLIVE";

    private static Map<String, AttributeValue> item(PaperSession session) {
        byte[] document = gzip(Json.write(session));
        if (document.length > MAX_DOCUMENT_BYTES) {
            return null;
        }
        Map<String, AttributeValue> item = new HashMap<>(key(session.id()));
        item.put(TYPE, Attr.s("PaperSession"));
        item.put("userId", Attr.s(session.userId()));
        item.put("sessionStatus", Attr.s(session.status()));
        item.put("summary", Attr.s(Json.write(session.summary())));
        item.put("document", AttributeValue.fromB(SdkBytes.fromByteArray(document)));
        item.put("version", Attr.n(session.version()));
        item.put(GSI1_PK, Attr.s("USERPAPER#" + session.userId()));
        item.put(GSI1_SK, Attr.s(session.createdAt() + "#" + session.id()));
        if (session.isLive() && session.isRunning()) {
            item.put(GSI2_PK, Attr.s(RUNNING_LIVE));
            item.put(GSI2_SK, Attr.s(session.id()));
        }
        return item;
    }

    public Optional<PaperSession> find(String id) {
        return Items.get(dynamoDb, table, key(id)).map(item -> read(gunzip(item.get("document").b().asByteArray())));
    }

    /** The user's sessions without their results, newest first. */
    public List<PaperSession> ofUser(String userId, int limit) {
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("USERPAPER#" + userId)))
                .scanIndexForward(false).limit(limit));
        return page.items().stream().map(item -> read(Attr.str(item, "summary"))).toList();
    }

    private static PaperSession read(String json) {
        try {
            return Json.MAPPER.readValue(json, PaperSession.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("PAPERSESSION#" + id), SK, Attr.s("SESSION"));
    }
}
