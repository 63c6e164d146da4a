package com.tradebot.subscription;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.PageCursor;
import com.tradebot.strategy.StrategyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Subscriptions: {@code SUBSCRIPTION#<id> / SUBSCRIPTION}, on GSI1 {@code USERSUBS#<userId> /
 * <strategyId>#<createdAt>#<id>} (a user's subscriptions, and those to one strategy by prefix) and on GSI2
 * {@code STRATSUBS#<strategyId> / <status>#<userId>#<id>} (a strategy's subscribers by status, paged by the
 * dispatcher). A slot item {@code SUBSLOT#<userId>#<strategyId> / SLOT} exists while a subscription holds the slot, so
 * "one at a time per user and strategy" is a conditional write. Billing may add attributes of its own to the item.
 */
public final class SubscriptionRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public SubscriptionRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Thrown when the user already holds a subscription to the strategy. */
    public static final class SlotTakenException extends RuntimeException {
        public SlotTakenException() {
            super("slot taken", null, false, false);
        }
    }

    /**
     * Stores a new subscription and takes its slot, all or nothing; {@code countsAsSubscriber} also adds one to the
     * strategy's subscriber count in the same transaction.
     */
    public void create(Subscription subscription, boolean countsAsSubscriber) {
        Map<String, AttributeValue> slot = new HashMap<>(slotKey(subscription.userId(), subscription.strategyId()));
        slot.put(TYPE, Attr.s("SubscriptionSlot"));
        slot.put("subscriptionId", Attr.s(subscription.id()));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(slot)
                .conditionExpression("attribute_not_exists(PK)")).build());
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(subscription))
                .conditionExpression("attribute_not_exists(PK)")).build());
        if (countsAsSubscriber) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(StrategyRepository.strategyKey(subscription.strategyId()))
                    .updateExpression("ADD subscriberCount :one")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":one", Attr.n(1)))).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new SlotTakenException();
            }
            throw e;
        }
    }

    public Optional<Subscription> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Moves a subscription from {@code from} to {@code to}; when the new state no longer holds the slot the slot is
     * released in the same transaction. False when the subscription was not in {@code from} any more.
     */
    public boolean changeStatus(Subscription subscription, SubscriptionStatus from, SubscriptionStatus to,
                                Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(subscription.id()))
                .updateExpression("SET #status = :to, updatedAt = :now, " + GSI2_SK + " = :gsi2")
                .conditionExpression("#status = :from")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":to", Attr.s(to.name()), ":from", Attr.s(from.name()),
                        ":now", Attr.s(now.toString()),
                        ":gsi2", Attr.s(to.name() + "#" + subscription.userId() + "#" + subscription.id())))).build());
        if (from.holdsSlot() && !to.holdsSlot()) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(slotKey(subscription.userId(), subscription.strategyId()))
                    .conditionExpression("subscriptionId = :id")
                    .expressionAttributeValues(Map.of(":id", Attr.s(subscription.id())))).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    public List<Subscription> ofUser(String userId) {
        List<Subscription> found = new ArrayList<>();
        queryAll(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("USERSUBS#" + userId))).build(),
                item -> found.add(fromItem(item)));
        return found;
    }

    /** Every subscription (present or past) of a user to one strategy. */
    public List<Subscription> ofUserToStrategy(String userId, String strategyId) {
        List<Subscription> found = new ArrayList<>();
        queryAll(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("USERSUBS#" + userId),
                        ":prefix", Attr.s(strategyId + "#"))).build(),
                item -> found.add(fromItem(item)));
        return found;
    }

    /** One page of a strategy's ACTIVE subscriptions whose end date (if any) is after {@code now}. */
    public record SubscriberPage(List<Subscription> items, String next) {
    }

    public SubscriberPage activeSubscribers(String strategyId, Instant now, int pageSize, String cursor) {
        Map<String, AttributeValue> start = PageCursor.decode(cursor, GSI2_PK, "STRATSUBS#" + strategyId);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :active)")
                .filterExpression("attribute_not_exists(endDate) OR endDate > :now")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("STRATSUBS#" + strategyId),
                        ":active", Attr.s(SubscriptionStatus.ACTIVE.name() + "#"), ":now", Attr.s(now.toString())))
                .limit(pageSize)
                .exclusiveStartKey(start));
        List<Subscription> items = page.items().stream().map(SubscriptionRepository::fromItem).toList();
        return new SubscriberPage(items, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageCursor.encode(page.lastEvaluatedKey()) : null);
    }

    private void queryAll(QueryRequest request, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(start == null ? request : request.toBuilder().exclusiveStartKey(start).build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("SUBSCRIPTION#" + id), SK, Attr.s("SUBSCRIPTION"));
    }

    static Map<String, AttributeValue> slotKey(String userId, String strategyId) {
        return Map.of(PK, Attr.s("SUBSLOT#" + userId + "#" + strategyId), SK, Attr.s("SLOT"));
    }

    static Map<String, AttributeValue> toItem(Subscription s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s.id()));
        item.put(TYPE, Attr.s("Subscription"));
        item.put("subscriptionId", Attr.s(s.id()));
        item.put("userId", Attr.s(s.userId()));
        item.put("strategyId", Attr.s(s.strategyId()));
        item.put("status", Attr.s(s.status().name()));
        item.put("priceCents", Attr.n(s.priceCents()));
        item.put("startDate", Attr.s(s.startDate().toString()));
        if (s.endDate() != null) {
            item.put("endDate", Attr.s(s.endDate().toString()));
        }
        item.put("autoRenew", Attr.bool(s.autoRenew()));
        item.put("createdAt", Attr.s(s.createdAt().toString()));
        item.put("updatedAt", Attr.s(s.updatedAt().toString()));
        item.put(GSI1_PK, Attr.s("USERSUBS#" + s.userId()));
        item.put(GSI1_SK, Attr.s(s.strategyId() + "#" + s.createdAt() + "#" + s.id()));
        item.put(GSI2_PK, Attr.s("STRATSUBS#" + s.strategyId()));
        item.put(GSI2_SK, Attr.s(s.status().name() + "#" + s.userId() + "#" + s.id()));
        return item;
    }

    static Subscription fromItem(Map<String, AttributeValue> item) {
        return new Subscription(Attr.str(item, "subscriptionId"), Attr.str(item, "userId"),
                Attr.str(item, "strategyId"), SubscriptionStatus.valueOf(Attr.str(item, "status")),
                Attr.num(item, "priceCents", 0), Attr.instant(item, "startDate"), Attr.instant(item, "endDate"),
                Attr.flag(item, "autoRenew"), Attr.instant(item, "createdAt"), Attr.instant(item, "updatedAt"));
    }
}
