package com.tradebot.auth;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Brute-force back-off for logins and TOTP codes. Failures are counted per subject ({@code account:<email>},
 * {@code ip:<address>}, {@code totp:<userId>}) in {@code THROTTLE#<subject> / FAILURES}; a quiet period of
 * {@link #WINDOW} resets the count. From the threshold on, each further attempt must wait twice as long as the
 * previous one (capped at {@link #MAX_BACKOFF}). The WAF rate rules limit request volume; this limits guessing.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public LoginThrottle(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** Failures tolerated before back-off starts, per kind of subject: accounts, shared IPs and 6-digit codes. */
    public enum Subject {
        ACCOUNT("account", 5), IP("ip", 20), TOTP("totp", 5);

        private final String prefix;
        private final int threshold;

        Subject(String prefix, int threshold) {
            this.prefix = prefix;
            this.threshold = threshold;
        }
    }

    /** How long the subject must wait before its next attempt; empty when it may try now. */
    public Optional<Duration> retryAfter(Subject subject, String value) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(subject, value))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant last = Instant.ofEpochMilli(Attr.num(item, "lastFailureMs", 0));
        long failures = Attr.num(item, "failures", 0);
        if (failures < subject.threshold || last.plus(WINDOW).isBefore(now)) {
            return Optional.empty();
        }
        Instant allowedAt = last.plus(backoff(failures - subject.threshold));
        return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    public void recordFailure(Subject subject, String value) {
        Instant now = clock.instant();
        Map<String, AttributeValue> values = Map.of(
                ":one", Attr.n(1), ":now", Attr.n(now.toEpochMilli()),
                ":windowStart", Attr.n(now.minus(WINDOW).toEpochMilli()),
                ":ttl", Attr.n(now.plus(WINDOW).plus(MAX_BACKOFF).getEpochSecond()),
                ":type", Attr.s("LoginFailures"));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(subject, value))
                    .updateExpression("ADD failures :one SET lastFailureMs = :now, #ttl = :ttl, #type = :type")
                    .conditionExpression("attribute_not_exists(lastFailureMs) OR lastFailureMs >= :windowStart")
                    .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException quietLongEnough) {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(subject, value))
                    .updateExpression("SET failures = :one, lastFailureMs = :now, #ttl = :ttl, #type = :type")
                    .expressionAttributeNames(Map.of("#ttl", TTL, "#type", TYPE))
                    .expressionAttributeValues(Map.of(":one", values.get(":one"), ":now", values.get(":now"),
                            ":ttl", values.get(":ttl"), ":type", values.get(":type"))));
        }
    }

    public void reset(Subject subject, String value) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(subject, value)));
    }

    static Duration backoff(long failuresPastThreshold) {
        long shift = Math.min(failuresPastThreshold, 10);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << shift);
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static Map<String, AttributeValue> key(Subject subject, String value) {
        return Map.of(PK, Attr.s("THROTTLE#" + subject.prefix + ":" + value), SK, Attr.s("FAILURES"));
    }
}
