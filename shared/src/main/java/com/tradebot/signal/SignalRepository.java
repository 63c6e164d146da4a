package com.tradebot.signal;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.tradebot.common.Json;
import com.tradebot.signal.outbox.SignalOutboxRepository;
import com.tradebot.signal.track.TrackRecordEvent;
import com.tradebot.storage.Attr;
import com.tradebot.strategy.StrategyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Signals and their track record. A signal is {@code SIGNAL#<id> / SIGNAL} (GSI1 {@code STRATSIGNALS#<strategyId> /
 * <createdAt>#<id>}; while ACTIVE also GSI2 {@code STRATOPEN#<strategyId> / <pair>#<createdAt>#<id>}). Every change
 * appends an event {@code STRATEGY#<strategyId> / EVENT#<sequence>} and moves the chain head
 * ({@code STRATEGY#<strategyId> / CHAIN}) in the same transaction, conditioned on the head not having moved, so the
 * chain has no gaps or forks. A webhook alert's idempotency record ({@code WHIDEM#<strategyId>#<bodyHash> / IDEM})
 * rides in the transaction that creates its signal. Events enter the outbox as they are written (SignalOutboxRepository).
 */
public final class SignalRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public SignalRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The outbox of this table's signal events. */
    public SignalOutboxRepository outbox() {
        return new SignalOutboxRepository(dynamoDb, table);
    }

    /** Why a write was refused. */
    public enum Conflict { CHAIN_MOVED, DUPLICATE_ALERT, SIGNAL_CHANGED, UNKNOWN }

    public static final class WriteConflict extends RuntimeException {
        private final Conflict conflict;

        WriteConflict(Conflict conflict) {
            super(conflict.name(), null, false, false);
            this.conflict = conflict;
        }

        public Conflict conflict() {
            return conflict;
        }
    }

    /** An alert's idempotency record: the body hash and how long it holds. */
    public record AlertKey(String bodyHash, Instant now, Instant expiresAt) {
    }

    /**
     * A new signal with its first event; {@code alert} (optional) makes a repeated webhook alert a no-op. The event
     * goes into the outbox with {@code message}, its message for the signals topic (SignalOutboxRepository).
     */
    public void insert(Signal signal, TrackRecordEvent event, String message, long expectedHead, AlertKey alert) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(signal))
                .conditionExpression("attribute_not_exists(PK)")).build());
        items.addAll(chainItems(event, message, expectedHead));
        if (alert != null) {
            Map<String, AttributeValue> idem = new HashMap<>(alertKey(signal.strategyId(), alert.bodyHash()));
            idem.put(TYPE, Attr.s("WebhookIdempotency"));
            idem.put("signalId", Attr.s(signal.id()));
            idem.put(TTL, Attr.n(alert.expiresAt().getEpochSecond()));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(idem)
                    .conditionExpression("attribute_not_exists(PK) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#ttl", TTL))
                    .expressionAttributeValues(Map.of(":now", Attr.n(alert.now().getEpochSecond())))).build());
        }
        write(items, List.of(Conflict.SIGNAL_CHANGED, Conflict.CHAIN_MOVED, Conflict.CHAIN_MOVED,
                Conflict.DUPLICATE_ALERT));
    }

    /** A change of a signal whose stored sequence is {@code expectedSignalSequence}, with its event. */
    public void change(Signal updated, long expectedSignalSequence, TrackRecordEvent event, String message,
                       long expectedHead) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(updated))
                .conditionExpression("#seq = :expected")
                .expressionAttributeNames(Map.of("#seq", "sequence"))
                .expressionAttributeValues(Map.of(":expected", Attr.n(expectedSignalSequence)))).build());
        items.addAll(chainItems(event, message, expectedHead));
        write(items, List.of(Conflict.SIGNAL_CHANGED, Conflict.CHAIN_MOVED, Conflict.CHAIN_MOVED));
    }

    private List<TransactWriteItem> chainItems(TrackRecordEvent event, String message, long expectedHead) {
        Map<String, AttributeValue> item = new HashMap<>(eventKey(event.strategyId(), event.sequence()));
        item.put(TYPE, Attr.s("TrackRecordEvent"));
        item.put("sequence", Attr.n(event.sequence()));
        item.put("kind", Attr.s(event.kind()));
        item.put("signalId", Attr.s(event.signalId()));
        item.put("occurredAt", Attr.s(event.occurredAt()));
        item.put("payload", Attr.s(Json.write(event.payload())));
        item.put("previousHash", Attr.s(event.previousHash()));
        item.put("hash", Attr.s(event.hash()));
        SignalOutboxRepository.addPending(item, event.strategyId(), event.eventId(), event.occurredAt(), message);
        return List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(StrategyRepository.chainKey(event.strategyId()))
                        .updateExpression("SET headSequence = :seq, headHash = :hash")
                        .conditionExpression("headSequence = :expected")
                        .expressionAttributeValues(Map.of(":seq", Attr.n(event.sequence()),
                                ":hash", Attr.s(event.hash()), ":expected", Attr.n(expectedHead)))).build());
    }

    private void write(List<TransactWriteItem> items, List<Conflict> meaning) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = reasons.size() - 1; i >= 0; i--) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw new WriteConflict(i < meaning.size() ? meaning.get(i) : Conflict.UNKNOWN);
                }
            }
            throw e;
        }
    }

    public record Head(long sequence, String hash) {
    }

    public Head head(String strategyId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(StrategyRepository.chainKey(strategyId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Head(0, TrackRecordEvent.GENESIS);
        }
        return new Head(Attr.num(item, "headSequence", 0), Attr.str(item, "headHash"));
    }

    public Optional<Signal> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The signal an earlier delivery of the same alert created, if that record still holds. */
    public Optional<String> signalOfAlert(String strategyId, String bodyHash, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(alertKey(strategyId, bodyHash)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || Attr.num(item, TTL, 0) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.ofNullable(Attr.str(item, "signalId"));
    }

    /** The newest signals of a strategy created before {@code before} (exclusive; null for the newest). */
    public List<Signal> ofStrategy(String strategyId, String before, int limit) {
        Map<String, String> names = Map.of("#pk", GSI1_PK, "#sk", GSI1_SK);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s("STRATSIGNALS#" + strategyId));
        String condition = "#pk = :pk";
        if (before != null) {
            values.put(":before", Attr.s(before));
            condition += " AND #sk < :before";
        }
        String keyCondition = condition;
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(before == null ? Map.of("#pk", GSI1_PK) : names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit));
        return page.items().stream().map(SignalRepository::fromItem).toList();
    }

    /** The newest ACTIVE signal of a strategy on {@code pair}. */
    public Optional<Signal> latestOpen(String strategyId, String pair) {
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :pair)")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("STRATOPEN#" + strategyId),
                        ":pair", Attr.s(pair + "#")))
                .scanIndexForward(false)
                .limit(1));
        return page.items().stream().findFirst().map(item -> find(Attr.str(item, "signalId")))
                .flatMap(found -> found);
    }

    /** Every event of a strategy's chain, in sequence order. */
    public List<TrackRecordEvent> events(String strategyId) {
        return eventsAfter(strategyId, 0);
    }

    /** The strategy's events with a sequence above {@code sequence}, in order (consistent read). */
    public List<TrackRecordEvent> eventsAfter(String strategyId, long sequence) {
        List<TrackRecordEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :after AND :last")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s(StrategyRepository.partition(strategyId)),
                            // event keys are EVENT#<sequence, 12 digits>: from the next sequence to the largest
                            ":after", eventKey(strategyId, sequence + 1).get(SK),
                            ":last", Attr.s("EVENT#999999999999")))
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                events.add(eventOf(strategyId, item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }

    private static TrackRecordEvent eventOf(String strategyId, Map<String, AttributeValue> item) {
        Map<String, Object> payload;
        try {
            payload = Json.MAPPER.readValue(Attr.str(item, "payload"), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            payload = Map.of("unreadable", String.valueOf(Attr.str(item, "payload")));
        }
        return new TrackRecordEvent(strategyId, Attr.num(item, "sequence", -1), Attr.str(item, "kind"),
                Attr.str(item, "signalId"), Attr.str(item, "occurredAt"), payload, Attr.str(item, "previousHash"),
                Attr.str(item, "hash"));
    }

    public static Map<String, AttributeValue> eventKey(String strategyId, long sequence) {
        return Map.of(PK, Attr.s(StrategyRepository.partition(strategyId)), SK, Attr.s(String.format("EVENT#%012d", sequence)));
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("SIGNAL#" + id), SK, Attr.s("SIGNAL"));
    }

    static Map<String, AttributeValue> alertKey(String strategyId, String bodyHash) {
        return Map.of(PK, Attr.s("WHIDEM#" + strategyId + "#" + bodyHash), SK, Attr.s("IDEM"));
    }

    static Map<String, AttributeValue> toItem(Signal signal) {
        Map<String, AttributeValue> item = new HashMap<>(key(signal.id()));
        item.put(TYPE, Attr.s("Signal"));
        item.put("signalId", Attr.s(signal.id()));
        item.put("strategyId", Attr.s(signal.strategyId()));
        item.put("status", Attr.s(signal.status().name()));
        item.put("sequence", Attr.n(signal.sequence()));
        item.put("doc", Attr.s(Json.write(signal)));
        item.put(GSI1_PK, Attr.s("STRATSIGNALS#" + signal.strategyId()));
        item.put(GSI1_SK, Attr.s(listingKey(signal)));
        if (signal.status() == SignalStatus.ACTIVE) {
            item.put(GSI2_PK, Attr.s("STRATOPEN#" + signal.strategyId()));
            item.put(GSI2_SK, Attr.s(signal.pair() + "#" + signal.createdAt() + "#" + signal.id()));
        }
        return item;
    }

    /** Position of a signal in its strategy's list (newest last in key order); also the list cursor. */
    public static String listingKey(Signal signal) {
        return signal.createdAt() + "#" + signal.id();
    }

    static Signal fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(Attr.str(item, "doc"), Signal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored signal", e);
        }
    }
}
