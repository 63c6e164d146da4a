package com.tradebot.billing.local;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.Json;
import com.tradebot.storage.Attr;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The local payments adapter's stand-in for Stripe's own records (prices, sessions, subscriptions, transfers), as
 * JSON documents in the main table: {@code LOCALSTRIPE#<id> / OBJECT}. Kept in DynamoDB, not memory, because the
 * checkout page, the webhook and the jobs run as different functions.
 */
final class LocalStripeStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    LocalStripeStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Stores {@code object} under {@code id} unless something is stored there; returns what is stored. */
    ObjectNode putIfAbsent(String id, ObjectNode object) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(id, object)).conditionExpression("attribute_not_exists(PK)"));
            return object;
        } catch (ConditionalCheckFailedException e) {
            return get(id).orElseThrow();
        }
    }

    void put(String id, ObjectNode object) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(id, object)));
    }

    Optional<ObjectNode> get(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) Json.MAPPER.readTree(Attr.str(item, "json")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt local Stripe object " + id, e);
        }
    }

    private static Map<String, AttributeValue> item(String id, ObjectNode object) {
        return Map.of(PK, Attr.s("LOCALSTRIPE#" + id), SK, Attr.s("OBJECT"), TYPE, Attr.s("LocalStripeObject"),
                "json", Attr.s(Json.write(object)));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("LOCALSTRIPE#" + id), SK, Attr.s("OBJECT"));
    }
}
