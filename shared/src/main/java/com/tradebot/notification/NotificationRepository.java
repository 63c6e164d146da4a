package com.tradebot.notification;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.common.Page;
import com.tradebot.storage.Attr;
import com.tradebot.storage.PageCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Notifications {@code USER#<userId> / NOTIF#<eventId>} (one per user and event: a conditional put), listed unread
 * first, newest first, from GSI1 {@code USERNOTIF#<userId> / <0 unread|1 read>#<inverted time>#<eventId>}; kept 90 days.
 * Preferences {@code USER#<userId> / NOTIFPREFS}.
 */
public final class NotificationRepository {
    private static final Duration KEEP = Duration.ofDays(90);
    private static final long INVERT = 9_999_999_999_999L;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public NotificationRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Stores the notification unless the user already has one for this event; true when stored now. */
    public boolean recordOnce(Notification notification) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(itemOf(notification))
                    .conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Stores the notifications of one event for many users (a delivery batch, at most 100), skipping users who have
     * it already; returns those stored now. One consistent BatchGetItem finds the rows that exist (a redelivered
     * batch), then BatchWriteItem writes the rest 25 at a time: 5 requests for 100 users instead of 100 conditional
     * puts, which were two fifths of a delivery worker's CPU and the engine's. A row's key is (user, event), so a user
     * never gets two rows for one event whatever happens; the read only keeps a redelivery from rewriting rows (and
     * their read flag) and from notifying twice. Two workers racing on one batch (SQS visibility expired mid-batch)
     * could both write a row, the same row.
     */
    public List<Notification> recordNew(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        Set<String> existing = existingRows(notifications);
        List<Notification> fresh = notifications.stream()
                .filter(n -> !existing.contains(n.userId() + "\n" + n.id()))
                .toList();
        List<WriteRequest> writes = fresh.stream()
                .map(n -> WriteRequest.builder().putRequest(p -> p.item(itemOf(n))).build())
                .toList();
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + 25)));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
        return fresh;
    }

    /** "userId\nnotificationId" of the rows that exist, read consistently (a row written by a failed try counts). */
    private Set<String> existingRows(List<Notification> notifications) {
        Set<String> found = new HashSet<>();
        List<Map<String, AttributeValue>> keys = notifications.stream()
                .map(n -> key(n.userId(), n.id())).distinct().toList();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                    .consistentRead(true).projectionExpression("userId, notificationId").build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(current));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    found.add(Attr.str(item, "userId") + "\n" + Attr.str(item, "notificationId"));
                }
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    private static Map<String, AttributeValue> itemOf(Notification notification) {
        Map<String, AttributeValue> item = new HashMap<>(key(notification.userId(), notification.id()));
        item.put(TYPE, Attr.s("Notification"));
        item.put("notificationId", Attr.s(notification.id()));
        item.put("userId", Attr.s(notification.userId()));
        item.put("kind", Attr.s(notification.kind()));
        item.put("title", Attr.s(notification.title()));
        item.put("body", Attr.s(notification.body()));
        if (notification.strategyId() != null) {
            item.put("strategyId", Attr.s(notification.strategyId()));
        }
        if (notification.signalId() != null) {
            item.put("signalId", Attr.s(notification.signalId()));
        }
        item.put("read", Attr.bool(false));
        item.put("createdAt", Attr.s(notification.createdAt().toString()));
        item.put(GSI1_PK, Attr.s(listPartition(notification.userId())));
        item.put(GSI1_SK, Attr.s(listKey(false, notification.createdAt(), notification.id())));
        item.put(TTL, Attr.n(notification.createdAt().plus(KEEP).getEpochSecond()));
        return item;
    }

    /** Marks one of the user's notifications read; false when the user has no such notification. */
    public boolean markRead(String userId, String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(userId, id))).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        Instant createdAt = Attr.instant(item, "createdAt");
        dynamoDb.updateItem(b -> b.tableName(table).key(key(userId, id))
                .updateExpression("SET #read = :true, " + GSI1_SK + " = :sk")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#read", "read"))
                .expressionAttributeValues(Map.of(":true", Attr.bool(true), ":sk", Attr.s(listKey(true, createdAt, id)))));
        return true;
    }

    public Page<Notification> list(String userId, String cursor, int limit) {
        Map<String, AttributeValue> start = PageCursor.decode(cursor, GSI1_PK, listPartition(userId));
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(listPartition(userId))))
                .limit(limit)
                .exclusiveStartKey(start));
        List<Notification> items = page.items().stream().map(NotificationRepository::fromItem).toList();
        return new Page<>(items, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageCursor.encode(page.lastEvaluatedKey()) : null);
    }

    public NotificationPreferences preferences(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(prefsKey(userId))).item();
        return item == null || item.isEmpty() ? NotificationPreferences.DEFAULT : prefsOf(item);
    }

    /** Preferences of up to 100 users in one BatchGetItem (users without any get the defaults). */
    public Map<String, NotificationPreferences> preferences(List<String> userIds) {
        Map<String, NotificationPreferences> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = userIds.stream().distinct().map(NotificationRepository::prefsKey).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(Attr.str(item, "userId"), prefsOf(item));
            }
            request = response.unprocessedKeys();
        }
        return found;
    }

    public void savePreferences(String userId, NotificationPreferences preferences) {
        Map<String, AttributeValue> item = new HashMap<>(prefsKey(userId));
        item.put(TYPE, Attr.s("NotificationPreferences"));
        item.put("userId", Attr.s(userId));
        item.put("inApp", Attr.bool(preferences.inAppEnabled()));
        if (preferences.telegramChatId() != null) {
            item.put("telegramChatId", Attr.s(preferences.telegramChatId()));
        }
        if (preferences.discordWebhookUrl() != null) {
            item.put("discordWebhookUrl", Attr.s(preferences.discordWebhookUrl()));
        }
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    private static NotificationPreferences prefsOf(Map<String, AttributeValue> item) {
        return new NotificationPreferences(Attr.flag(item, "inApp"), Attr.str(item, "telegramChatId"),
                Attr.str(item, "discordWebhookUrl"));
    }

    private static Notification fromItem(Map<String, AttributeValue> item) {
        return new Notification(Attr.str(item, "notificationId"), Attr.str(item, "userId"), Attr.str(item, "kind"),
                Attr.str(item, "title"), Attr.str(item, "body"), Attr.str(item, "strategyId"),
                Attr.str(item, "signalId"), Attr.flag(item, "read"), Attr.instant(item, "createdAt"));
    }

    static Map<String, AttributeValue> key(String userId, String id) {
        return Map.of(PK, Attr.s("USER#" + userId), SK, Attr.s("NOTIF#" + id));
    }

    static Map<String, AttributeValue> prefsKey(String userId) {
        return Map.of(PK, Attr.s("USER#" + userId), SK, Attr.s("NOTIFPREFS"));
    }

    private static String listPartition(String userId) {
        return "USERNOTIF#" + userId;
    }

    private static String listKey(boolean read, Instant createdAt, String id) {
        return (read ? "1#" : "0#") + String.format("%013d", INVERT - createdAt.toEpochMilli()) + "#" + id;
    }

    /** True when the message for this user, channel and event went out already (a redelivered notify message). */
    public boolean alreadySent(String userId, String channel, String eventId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(sentKey(userId, channel, eventId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    public void markSent(String userId, String channel, String eventId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(sentKey(userId, channel, eventId));
        item.put(TYPE, Attr.s("ChannelSent"));
        item.put("sentAt", Attr.s(at.toString()));
        item.put(TTL, Attr.n(at.plus(Duration.ofDays(7)).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> sentKey(String userId, String channel, String eventId) {
        return Map.of(PK, Attr.s("USER#" + userId), SK, Attr.s("SENT#" + channel + "#" + eventId));
    }

    /** Exposed for tests that count rows. */
    public List<String> idsOf(String userId) {
        List<String> ids = new ArrayList<>();
        dynamoDb.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :n)")
                        .expressionAttributeValues(Map.of(":pk", Attr.s("USER#" + userId), ":n", Attr.s("NOTIF#"))))
                .items().forEach(item -> ids.add(Attr.str(item, "notificationId")));
        return ids;
    }
}
