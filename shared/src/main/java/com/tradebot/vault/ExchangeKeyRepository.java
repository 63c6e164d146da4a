package com.tradebot.vault;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exchange keys: {@code XKEY#<id> / KEY} with the AEAD ciphertext of the credentials and listing metadata;
 * GSI1 {@code USERXKEYS#<userId> / <createdAt>#<id>} lists a user's keys. Keyed by id (not by user) so that a
 * request for someone else's key can be answered 403 rather than confused with a missing one.
 */
public final class ExchangeKeyRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public ExchangeKeyRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** A stored key with its ciphertext. */
    public record Stored(ExchangeKey key, byte[] ciphertext) {
    }

    public void save(ExchangeKey key, byte[] ciphertext) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(key.id()));
        item.put(TYPE, Attr.s("ExchangeKey"));
        item.put("keyId", Attr.s(key.id()));
        item.put("userId", Attr.s(key.userId()));
        item.put("exchange", Attr.s(key.exchange()));
        item.put("maskedKey", Attr.s(key.maskedKey()));
        item.put("permissions", AttributeValue.fromL(key.permissions().stream().map(Attr::s).toList()));
        item.put("markets", AttributeValue.fromL(key.markets().stream().map(Attr::s).toList()));
        item.put("testnet", Attr.bool(key.testnet()));
        item.put("createdAt", Attr.s(key.createdAt().toString()));
        item.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        item.put(GSI1_PK, Attr.s(userPartition(key.userId())));
        item.put(GSI1_SK, Attr.s(key.createdAt() + "#" + key.id()));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    public Optional<Stored> find(String id) {
        return Items.get(dynamoDb, table, itemKey(id))
                .map(item -> new Stored(fromItem(item), item.get("ciphertext").b().asByteArray()));
    }

    public List<ExchangeKey> listOf(String userId) {
        return dynamoDb.queryPaginator(b -> b.tableName(table).indexName(GSI1)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk", Attr.s(userPartition(userId)))))
                .items().stream().map(ExchangeKeyRepository::fromItem).toList();
    }

    /** Deletes the key if {@code userId} owns it; false otherwise (gone, or someone else's). */
    public boolean delete(String id, String userId) {
        return Items.conditionally(() -> dynamoDb.deleteItem(b -> b.tableName(table).key(itemKey(id))
                .conditionExpression("userId = :owner")
                .expressionAttributeValues(Map.of(":owner", Attr.s(userId)))));
    }

    private static ExchangeKey fromItem(Map<String, AttributeValue> item) {
        // rows written before markets existed have none: ExchangeKey reads that as spot-only
        return new ExchangeKey(Attr.str(item, "keyId"), Attr.str(item, "userId"), Attr.str(item, "exchange"),
                Attr.str(item, "maskedKey"), strings(item.get("permissions")), strings(item.get("markets")),
                Attr.flag(item, "testnet"), Attr.instant(item, "createdAt"));
    }

    private static List<String> strings(AttributeValue list) {
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, AttributeValue> itemKey(String id) {
        return Map.of(PK, Attr.s("XKEY#" + id), SK, Attr.s("KEY"));
    }

    private static String userPartition(String userId) {
        return "USERXKEYS#" + userId;
    }
}
