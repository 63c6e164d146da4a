package com.tradebot.backtest.advisor;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The consultant's two items: answers cached under {@code ADVISOR#ANSWER#<cache key hash> / ANSWER} and each user's
 * daily counters (questions, LLM calls) under {@code ADVISOR#USAGE#<userId> / DAY#<yyyy-mm-dd>}, both expiring by
 * {@code ttl}.
 */
public final class AdvisorRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public AdvisorRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The cached answer's JSON, unless absent or past its expiry (TTL deletion lags, so expiry is checked here). */
    public Optional<String> cachedAnswer(String cacheKey, Instant now) {
        return Items.get(dynamoDb, table, answerKey(cacheKey))
                .filter(item -> Attr.num(item, TTL, 0) > now.getEpochSecond())
                .map(item -> Attr.str(item, "answer"));
    }

    public void cacheAnswer(String cacheKey, String answerJson, Instant expiresAt) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(answerKey(cacheKey));
        item.put("answer", Attr.s(answerJson));
        item.put(TTL, Attr.n(expiresAt.getEpochSecond()));
        item.put(TYPE, Attr.s("AdvisorAnswer"));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * Counts one question for {@code userId} on {@code day} unless {@code limit} are already counted: one conditional
     * {@code ADD}, so concurrent requests cannot all pass a count read before any of them was written.
     */
    public boolean reserveQuestion(String userId, String day, int limit, Instant expiresAt) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(usageKey(userId, day))
                    .updateExpression("ADD questions :one SET #ttl = :ttl, #type = :type")
                    .conditionExpression("attribute_not_exists(questions) OR questions < :limit")
                    .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":limit", Attr.n(limit),
                            ":ttl", Attr.n(expiresAt.getEpochSecond()), ":type", Attr.s("AdvisorUsage"))));
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        }
    }

    /**
     * Counts one LLM call for {@code userId} on {@code day} unless {@code limit} are already counted (same item as the
     * questions, attribute {@code llmCalls}; one conditional {@code ADD}). A question narrated with tool turns makes
     * several calls, so the cost cap counts calls, not questions.
     */
    public boolean reserveLlmCall(String userId, String day, int limit, Instant expiresAt) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(usageKey(userId, day))
                    .updateExpression("ADD llmCalls :one SET #ttl = :ttl, #type = :type")
                    .conditionExpression("attribute_not_exists(llmCalls) OR llmCalls < :limit")
                    .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":limit", Attr.n(limit),
                            ":ttl", Attr.n(expiresAt.getEpochSecond()), ":type", Attr.s("AdvisorUsage"))));
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        }
    }

    /** Gives a reserved question back when no answer could be computed. */
    public void releaseQuestion(String userId, String day) {
        Items.conditionally(() -> dynamoDb.updateItem(b -> b.tableName(table).key(usageKey(userId, day))
                .updateExpression("ADD questions :minusOne")
                .conditionExpression("questions > :zero")
                .expressionAttributeValues(Map.of(":minusOne", Attr.n(-1), ":zero", Attr.n(0)))));
    }

    private static Map<String, AttributeValue> answerKey(String cacheKey) {
        return Map.of(PK, Attr.s("ADVISOR#ANSWER#" + cacheKey), SK, Attr.s("ANSWER"));
    }

    private static Map<String, AttributeValue> usageKey(String userId, String day) {
        return Map.of(PK, Attr.s("ADVISOR#USAGE#" + userId), SK, Attr.s("DAY#" + day));
    }
}
