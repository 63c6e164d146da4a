package com.tradebot.auth;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Refresh tokens, stored only as SHA-256 hashes: {@code RTOKEN#<hash> / TOKEN} (userId, familyId, expiresAt, usedAt)
 * and one {@code RFAMILY#<familyId> / FAMILY} item per login (revoked flag; GSI1 {@code USERSESSIONS#<userId>} to
 * revoke every session of a user). Both expire by TTL with the newest token of the family.
 */
public final class RefreshTokenRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public RefreshTokenRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        /** The old token is now used and {@code newTokenHash} is live in the same family. */
        record Rotated(String userId, String familyId) implements Rotation {
        }

        /** The token was used before: the family is now revoked. */
        record Reused(String userId, String familyId) implements Rotation {
        }

        /** Unknown, expired or revoked. */
        record Rejected() implements Rotation {
        }
    }

    public void startFamily(String userId, String familyId, String tokenHash, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> family = new HashMap<>(familyKey(familyId));
        family.put(TYPE, Attr.s("RefreshFamily"));
        family.put("userId", Attr.s(userId));
        family.put("revoked", Attr.bool(false));
        family.put("createdAt", Attr.s(now.toString()));
        family.put(GSI1_PK, Attr.s("USERSESSIONS#" + userId));
        family.put(GSI1_SK, Attr.s(familyId));
        family.put(TTL, Attr.n(expiresAt.getEpochSecond()));
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(family)
                        .conditionExpression("attribute_not_exists(PK)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(tokenItem(userId, familyId, tokenHash, expiresAt))
                        .conditionExpression("attribute_not_exists(PK)")).build()));
    }

    /**
     * Uses {@code oldHash} once and makes {@code newHash} the family's live token, atomically: the old token must be
     * unused and unexpired and the family unrevoked. A second use of the same token revokes the whole family, since
     * either the legitimate client or a thief holds a copy.
     */
    public Rotation rotate(String oldHash, String newHash, Instant now, Instant newExpiresAt) {
        Map<String, AttributeValue> old = Items.get(dynamoDb, table, tokenKey(oldHash)).orElse(null);
        if (old == null || !Instant.parse(Attr.str(old, "expiresAt")).isAfter(now)) {
            return new Rotation.Rejected();
        }
        String userId = Attr.str(old, "userId");
        String familyId = Attr.str(old, "familyId");
        if (old.containsKey("usedAt")) {
            revokeFamily(familyId);
            return new Rotation.Reused(userId, familyId);
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(tokenKey(oldHash))
                            .updateExpression("SET usedAt = :now")
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(usedAt)")
                            .expressionAttributeValues(Map.of(":now", Attr.s(now.toString())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(familyKey(familyId))
                            .updateExpression("SET #ttl = :ttl")
                            .conditionExpression("revoked = :false")
                            .expressionAttributeNames(Map.of("#ttl", TTL))
                            .expressionAttributeValues(Map.of(":ttl", Attr.n(newExpiresAt.getEpochSecond()),
                                    ":false", Attr.bool(false)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(tokenItem(userId, familyId, newHash, newExpiresAt))
                            .conditionExpression("attribute_not_exists(PK)")).build()));
            return new Rotation.Rotated(userId, familyId);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                // lost a race with another use of the same token: that is reuse too
                revokeFamily(familyId);
                return new Rotation.Reused(userId, familyId);
            }
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                return new Rotation.Rejected();
            }
            throw e;
        }
    }

    /** The family of a live token, if the token is known (used or not). */
    public Optional<String> familyOf(String tokenHash) {
        return Items.get(dynamoDb, table, tokenKey(tokenHash)).map(item -> Attr.str(item, "familyId"));
    }

    public void revokeFamily(String familyId) {
        dynamoDb.updateItem(b -> b.tableName(table).key(familyKey(familyId))
                .updateExpression("SET revoked = :true")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":true", Attr.bool(true))));
    }

    public boolean familyRevoked(String familyId) {
        return Items.get(dynamoDb, table, familyKey(familyId)).map(item -> Attr.flag(item, "revoked")).orElse(true);
    }

    /** Ends every session of a user (disable, password change). */
    public void revokeAllOf(String userId) {
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName(GSI1)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk", Attr.s("USERSESSIONS#" + userId))))
                .items().stream()
                .filter(family -> !Attr.flag(family, "revoked"))
                .forEach(family -> revokeFamily(Attr.str(family, GSI1_SK)));
    }

    private Map<String, AttributeValue> tokenItem(String userId, String familyId, String hash, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(tokenKey(hash));
        item.put(TYPE, Attr.s("RefreshToken"));
        item.put("userId", Attr.s(userId));
        item.put("familyId", Attr.s(familyId));
        item.put("expiresAt", Attr.s(expiresAt.toString()));
        item.put(TTL, Attr.n(expiresAt.getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> tokenKey(String hash) {
        return Map.of(PK, Attr.s("RTOKEN#" + hash), SK, Attr.s("TOKEN"));
    }

    private static Map<String, AttributeValue> familyKey(String familyId) {
        return Map.of(PK, Attr.s("RFAMILY#" + familyId), SK, Attr.s("FAMILY"));
    }
}
