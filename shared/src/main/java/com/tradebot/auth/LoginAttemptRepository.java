package com.tradebot.auth;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Attempt counters in {@code THROTTLE#<subject> / FAILURES}: {@code attempts} in the current window,
 * {@code lastAttemptMs}, and {@code blockedUntilMs}. An attempt is reserved by one conditional UpdateItem
 * ({@code ADD attempts :1}) that fails while the subject is backing off, so concurrent requests cannot all pass a
 * check that was read before any of them was counted.
 */
public final class LoginAttemptRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public LoginAttemptRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The outcome of {@link #reserve}. */
    public sealed interface Reservation {
        /** Counted; {@code number} is this attempt's place in the window (1 = first). */
        record Reserved(long number) implements Reservation {
        }

        /** Backing off until {@code allowedAt}; nothing was written. */
        record Refused(Instant allowedAt) implements Reservation {
        }
    }

    /**
     * Counts one attempt unless the subject is backing off: allowed while fewer than {@code threshold} attempts are
     * counted in the window, and past it only once {@code blockedUntilMs} has passed. Each reservation holds the
     * subject blocked until {@code holdUntil}, so past the threshold at most one attempt at a time gets through.
     * A window whose last attempt is older than {@code windowStart} starts again at 1.
     */
    public Reservation reserve(String subject, int threshold, Instant now, Instant windowStart, Instant holdUntil,
                               Instant expiresAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":one", Attr.n(1), ":now", Attr.n(now.toEpochMilli()),
                ":windowStart", Attr.n(windowStart.toEpochMilli()), ":threshold", Attr.n(threshold),
                ":hold", Attr.n(holdUntil.toEpochMilli()), ":ttl", Attr.n(expiresAt.getEpochSecond()),
                ":type", Attr.s("LoginAttempts")));
        for (int round = 0; round < 5; round++) {
            try {
                AttributeValue attempts = dynamoDb.updateItem(b -> b.tableName(table).key(key(subject))
                        .updateExpression("ADD attempts :one SET lastAttemptMs = :now, blockedUntilMs = :hold, "
                                + "#ttl = :ttl, #type = :type")
                        .conditionExpression("attribute_not_exists(attempts) OR (lastAttemptMs >= :windowStart AND "
                                + "(attempts < :threshold OR blockedUntilMs <= :now))")
                        .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("attempts");
                return new Reservation.Reserved(Long.parseLong(attempts.n()));
            } catch (ConditionalCheckFailedException backingOffOrStale) {
                Optional<Map<String, AttributeValue>> item = Items.get(dynamoDb, table, key(subject));
                if (item.isEmpty()) {
                    continue; // cleared in between: try again
                }
                long last = Attr.num(item.get(), "lastAttemptMs", 0);
                if (last >= windowStart.toEpochMilli()) {
                    return new Reservation.Refused(Instant.ofEpochMilli(Attr.num(item.get(), "blockedUntilMs", 0)));
                }
                // a quiet window: start counting again, once (concurrent restarts lose and retry the reservation)
                boolean restarted = Items.conditionally(() -> dynamoDb.updateItem(b -> b.tableName(table)
                        .key(key(subject))
                        .updateExpression("SET attempts = :one, lastAttemptMs = :now, blockedUntilMs = :hold, "
                                + "#ttl = :ttl, #type = :type")
                        .conditionExpression("lastAttemptMs < :windowStart")
                        .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                        .expressionAttributeValues(Map.of(":one", values.get(":one"), ":now", values.get(":now"),
                                ":hold", values.get(":hold"), ":ttl", values.get(":ttl"), ":type", values.get(":type"),
                                ":windowStart", values.get(":windowStart")))));
                if (restarted) {
                    return new Reservation.Reserved(1);
                }
            }
        }
        // heavy contention on one subject: refuse rather than let an attempt through uncounted
        return new Reservation.Refused(holdUntil);
    }

    /** Past the threshold, a counted attempt blocks the subject until {@code blockedUntil}. */
    public void blockUntil(String subject, Instant blockedUntil) {
        Items.conditionally(() -> dynamoDb.updateItem(b -> b.tableName(table).key(key(subject))
                .updateExpression("SET blockedUntilMs = :until")
                .conditionExpression("attribute_exists(attempts)")
                .expressionAttributeValues(Map.of(":until", Attr.n(blockedUntil.toEpochMilli())))));
    }

    /** Uncounts a reserved attempt that turned out not to be a guess (e.g. a successful login from a shared IP). */
    public void release(String subject) {
        Items.conditionally(() -> dynamoDb.updateItem(b -> b.tableName(table).key(key(subject))
                .updateExpression("ADD attempts :minusOne")
                .conditionExpression("attempts > :zero")
                .expressionAttributeValues(Map.of(":minusOne", Attr.n(-1), ":zero", Attr.n(0)))));
    }

    public void clear(String subject) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(subject)));
    }

    private static Map<String, AttributeValue> key(String subject) {
        return Map.of(PK, Attr.s("THROTTLE#" + subject), SK, Attr.s("FAILURES"));
    }
}
