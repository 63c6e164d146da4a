package com.tradebot.trading.position;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.common.Json;
import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Positions keyed by id (the entry's clientOrderId); a user's positions on GSI1 {@code USERPOSITIONS#<userId>}
 * (newest first); live ones also on GSI2 {@code OPENPOSITIONS} by {@code <exchange>#<pair>}, which the price feed
 * reads to know which pairs to fetch.
 */
public final class PositionRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public PositionRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The conditional Put of a new position, for the transaction that records its execution. */
    public Put insertion(Position position) {
        return Put.builder().tableName(table).item(item(position))
                .conditionExpression("attribute_not_exists(PK)").build();
    }

    public Optional<Position> find(String id) {
        return Items.get(dynamoDb, table, key(id)).map(PositionRepository::fromItem);
    }

    /** The user's positions, newest first (at most {@code limit}). */
    public List<Position> ofUser(String userId, int limit) {
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("USERPOSITIONS#" + userId)))
                .scanIndexForward(false).limit(limit));
        return page.items().stream().map(PositionRepository::fromItem).toList();
    }

    /** Every live (pending or open) position of every user: the price feed's work list. */
    public List<Position> live() {
        List<Position> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s("OPENPOSITIONS")))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> found.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** Replaces a live position with its closed state; false when it was no longer live (closed by someone else). */
    public boolean close(Position closed) {
        return Items.conditionally(() -> dynamoDb.putItem(b -> b.tableName(table).item(item(closed))
                .conditionExpression("positionStatus IN (:pending, :open)")
                .expressionAttributeValues(Map.of(":pending", Attr.s(PositionStatus.PENDING_ENTRY.name()),
                        ":open", Attr.s(PositionStatus.OPEN.name())))));
    }

    /**
     * Replaces a position still in {@code expected} status and, when given, still without a protective stop (the
     * entry watch's updates); false when someone changed it first.
     */
    public boolean replace(Position next, PositionStatus expected, boolean stillUnprotected) {
        return Items.conditionally(() -> dynamoDb.putItem(b -> b.tableName(table).item(item(next))
                .conditionExpression("positionStatus = :expected"
                        + (stillUnprotected ? " AND attribute_not_exists(stopOrderId)" : ""))
                .expressionAttributeValues(Map.of(":expected", Attr.s(expected.name())))));
    }

    private Map<String, AttributeValue> item(Position position) {
        Map<String, AttributeValue> item = new HashMap<>(key(position.id()));
        item.put(TYPE, Attr.s("Position"));
        item.put("userId", Attr.s(position.userId()));
        item.put("positionStatus", Attr.s(position.status().name()));
        item.put("doc", Attr.s(Json.write(position)));
        if (position.stopOrderId() != null) {
            item.put("stopOrderId", Attr.s(position.stopOrderId())); // the entry watch's updates check it
        }
        item.put(GSI1_PK, Attr.s("USERPOSITIONS#" + position.userId()));
        item.put(GSI1_SK, Attr.s(position.openedAt() + "#" + position.id()));
        if (position.status().live()) {
            item.put(GSI2_PK, Attr.s("OPENPOSITIONS"));
            item.put(GSI2_SK, Attr.s(position.exchange() + "#" + position.pair() + "#" + position.id()));
        }
        return item;
    }

    private static Position fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(Attr.str(item, "doc"), Position.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable position " + Attr.str(item, PK), e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("POSITION#" + id), SK, Attr.s("POSITION"));
    }
}
