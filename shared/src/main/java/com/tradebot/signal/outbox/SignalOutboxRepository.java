package com.tradebot.signal.outbox;

import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;

import com.tradebot.signal.SignalRepository;
import com.tradebot.storage.Attr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The transactional outbox of signal events. A track-record event is written (in the transaction that appends it to
 * the chain) with the exact message for the signals topic in {@code outbox} and a sparse GSI2 entry
 * {@code OUTBOX#<shard> / <occurredAt>#<eventId>}; a successful publish removes both, so what GSI2 still lists under
 * {@code OUTBOX#} is what was stored but never published. Sharded by strategy so that a busy platform does not pile
 * every pending event onto one index partition; the sweeper reads all shards.
 */
public final class SignalOutboxRepository {
    public static final int SHARDS = 4;
    static final String MESSAGE = "outbox";
    static final String CLAIM = "outboxClaimUntil";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SignalOutboxRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The attributes that put a new event item into the outbox (written with the event, in its transaction). */
    public static void addPending(Map<String, AttributeValue> eventItem, String strategyId, String eventId,
                                  String occurredAt, String messageJson) {
        eventItem.put(MESSAGE, Attr.s(messageJson));
        eventItem.put(GSI2_PK, Attr.s(partition(strategyId)));
        eventItem.put(GSI2_SK, Attr.s(occurredAt + "#" + eventId));
    }

    static String partition(String strategyId) {
        return "OUTBOX#" + Math.floorMod(strategyId.hashCode(), SHARDS);
    }

    /** An event still waiting to be published: its key and the message as it was stored. */
    public record Pending(String strategyId, long sequence, String occurredAt, String messageJson) {
    }

    /** Pending events that occurred before {@code before}, oldest first, at most {@code limit} per shard. */
    public List<Pending> pendingBefore(Instant before, int limit) {
        List<Pending> pending = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String partition = "OUTBOX#" + shard;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                    .keyConditionExpression("#pk = :pk AND #sk < :before")
                    .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s(partition), ":before", Attr.s(before.toString())))
                    .limit(limit));
            for (Map<String, AttributeValue> item : page.items()) {
                String strategy = Attr.str(item, PK).substring("STRATEGY#".length());
                pending.add(new Pending(strategy, Attr.num(item, "sequence", -1), Attr.str(item, "occurredAt"),
                        Attr.str(item, MESSAGE)));
            }
        }
        return pending;
    }

    /**
     * Takes the event for one publish attempt until {@code until}: false when it was published meanwhile or another
     * sweeper holds it. Without the claim two overlapping sweeps would both publish it.
     */
    public boolean claim(Pending event, Instant now, Instant until) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(event))
                    .updateExpression("SET #claim = :until")
                    .conditionExpression("attribute_exists(#msg) AND (attribute_not_exists(#claim) OR #claim < :now)")
                    .expressionAttributeNames(Map.of("#claim", CLAIM, "#msg", MESSAGE))
                    .expressionAttributeValues(Map.of(":until", Attr.n(until.toEpochMilli()),
                            ":now", Attr.n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a claim back after a failed publish, so that the next sweep tries again at once. */
    public void release(Pending event, Instant until) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(event))
                    .updateExpression("REMOVE #claim")
                    .conditionExpression("#claim = :until")
                    .expressionAttributeNames(Map.of("#claim", CLAIM))
                    .expressionAttributeValues(Map.of(":until", Attr.n(until.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            // no longer ours (published, or the claim ran out and another sweep took it)
        }
    }

    /** Takes the event out of the outbox once its message is on the topic (no-op when already out). */
    public void markPublished(String strategyId, long sequence) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(SignalRepository.eventKey(strategyId, sequence))
                    .updateExpression("REMOVE #msg, #gpk, #gsk, #claim")
                    .conditionExpression("attribute_exists(#msg)")
                    .expressionAttributeNames(Map.of("#msg", MESSAGE, "#gpk", GSI2_PK, "#gsk", GSI2_SK,
                            "#claim", CLAIM)));
        } catch (ConditionalCheckFailedException alreadyOut) {
            // published by the other path (request or sweeper) first: nothing left to do
        }
    }

    private static Map<String, AttributeValue> key(Pending event) {
        return SignalRepository.eventKey(event.strategyId(), event.sequence());
    }
}
