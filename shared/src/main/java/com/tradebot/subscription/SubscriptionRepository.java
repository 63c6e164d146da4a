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

import com.tradebot.billing.BilledSubscription;
import com.tradebot.billing.BillingStatus;
import com.tradebot.billing.SubscriptionBilling;
import com.tradebot.billing.SubscriptionChange;
import com.tradebot.storage.Attr;
import com.tradebot.storage.PageCursor;
import com.tradebot.storage.TableKeys;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 *
 * <p>As billing's {@link SubscriptionBilling} port ({@link #billing()}): every change moves the item's {@code version} on, and billing's
 * writes are conditioned on the version they read, so a Stripe event and a user's action never overwrite each other
 * (the loser re-reads and decides again). While a paid subscription has an end date, a due-date marker
 * {@code SUBDUE#<yyyy-mm-dd> / <id>} lets the daily renewal job find it without a scan.
 */
public final class SubscriptionRepository {
    /** Due-date markers outlive their day by this much (the renewal job looks a week back), then TTL removes them. */
    private static final Duration DUE_MARKER_TTL = Duration.ofDays(40);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public SubscriptionRepository(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, Clock.systemUTC());
    }

    public SubscriptionRepository(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
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
                .updateExpression("SET #status = :to, updatedAt = :now, " + GSI2_SK + " = :gsi2 ADD version :one")
                .conditionExpression("#status = :from")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":to", Attr.s(to.name()), ":from", Attr.s(from.name()),
                        ":now", Attr.s(now.toString()), ":one", Attr.n(1),
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

    /** One page of the user ids of a strategy's live subscribers (ACTIVE, end date if any after {@code now}). */
    public record SubscriberIdPage(List<String> userIds, String next) {
    }

    /**
     * A page of the strategy's live subscribers for the fan-out, reading only {@code userId} from each item: the
     * dispatcher needs nothing else, and unmarshalling whole subscriptions was most of a 1,000-subscriber page's cost.
     */
    public SubscriberIdPage activeSubscriberIds(String strategyId, Instant now, int pageSize, String cursor) {
        Map<String, AttributeValue> start = PageCursor.decode(cursor, GSI2_PK, "STRATSUBS#" + strategyId);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :active)")
                .filterExpression("attribute_not_exists(endDate) OR endDate > :now")
                .projectionExpression("userId")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("STRATSUBS#" + strategyId),
                        ":active", Attr.s(SubscriptionStatus.ACTIVE.name() + "#"), ":now", Attr.s(now.toString())))
                .limit(pageSize)
                .exclusiveStartKey(start));
        List<String> userIds = page.items().stream().map(item -> Attr.str(item, "userId")).toList();
        return new SubscriberIdPage(userIds, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageCursor.encode(page.lastEvaluatedKey()) : null);
    }

    // ---- billing's port --------------------------------------------------------------------------------------

    /** This repository as billing's port (the methods' names collide with the repository's own {@code find}). */
    public SubscriptionBilling billing() {
        return new SubscriptionBilling() {
            @Override
            public Optional<BilledSubscription> find(String subscriptionId) {
                return findItem(subscriptionId).map(SubscriptionRepository::billed);
            }

            @Override
            public List<TransactWriteItem> update(BilledSubscription current, SubscriptionChange change) {
                return SubscriptionRepository.this.update(current, change);
            }
        };
    }

    private Optional<Map<String, AttributeValue>> findItem(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The subscription and billing's view of it, from one consistent read. */
    public Optional<Billed> findBilled(String id) {
        return findItem(id).map(item -> new Billed(fromItem(item), billed(item)));
    }

    /** A subscription with its billing view (Stripe ids, version). */
    public record Billed(Subscription subscription, BilledSubscription billing) {
    }

    private static BilledSubscription billed(Map<String, AttributeValue> item) {
        return new BilledSubscription(Attr.str(item, "subscriptionId"), Attr.str(item, "userId"),
                Attr.str(item, "strategyId"), BillingStatus.valueOf(Attr.str(item, "status")),
                Attr.instant(item, "endDate"), Attr.flag(item, "autoRenew"), Attr.str(item, "stripeSubscriptionId"),
                Attr.num(item, "version", 0));
    }

    /** The writes of billing's port: see {@link SubscriptionBilling#update}. */
    public List<TransactWriteItem> update(BilledSubscription current, SubscriptionChange change) {
        Instant now = clock.instant();
        StringBuilder set = new StringBuilder("SET version = :next, updatedAt = :now");
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":next", Attr.n(current.version() + 1));
        values.put(":expected", Attr.n(current.version()));
        values.put(":now", Attr.s(now.toString()));
        BillingStatus to = change.status() != null ? change.status() : current.status();
        if (change.status() != null && change.status() != current.status()) {
            set.append(", #status = :status, ").append(GSI2_SK).append(" = :gsi2");
            names.put("#status", "status");
            values.put(":status", Attr.s(to.name()));
            values.put(":gsi2", Attr.s(to.name() + "#" + current.userId() + "#" + current.subscriptionId()));
        }
        if (change.endDate() != null) {
            set.append(", endDate = :endDate");
            values.put(":endDate", Attr.s(change.endDate().toString()));
        }
        if (change.autoRenew() != null) {
            set.append(", autoRenew = :autoRenew");
            values.put(":autoRenew", Attr.bool(change.autoRenew()));
        }
        if (change.stripeSubscriptionId() != null) {
            set.append(", stripeSubscriptionId = :stripeSub");
            values.put(":stripeSub", Attr.s(change.stripeSubscriptionId()));
        }
        if (change.stripeCustomerId() != null) {
            set.append(", stripeCustomerId = :stripeCustomer");
            values.put(":stripeCustomer", Attr.s(change.stripeCustomerId()));
        }
        // records written before versions existed have none: they count as version 0
        String condition = current.version() == 0
                ? "attribute_exists(PK) AND (attribute_not_exists(version) OR version = :expected)"
                : "version = :expected";
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(key(current.subscriptionId())).updateExpression(set.toString())
                    .conditionExpression(condition).expressionAttributeValues(values);
            if (!names.isEmpty()) {
                u.expressionAttributeNames(names);
            }
        }).build());
        if (to.terminal() && !current.status().terminal()) {
            // the slot frees with the subscription (a missing slot is nothing to free, hence the first clause)
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(slotKey(current.userId(), current.strategyId()))
                    .conditionExpression("attribute_not_exists(PK) OR subscriptionId = :id")
                    .expressionAttributeValues(Map.of(":id", Attr.s(current.subscriptionId())))).build());
        }
        int countDelta = (to == BillingStatus.ACTIVE ? 1 : 0) - (current.status() == BillingStatus.ACTIVE ? 1 : 0);
        if (countDelta != 0) {
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(StrategyRepository.strategyKey(current.strategyId()))
                    .updateExpression("ADD subscriberCount :delta")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":delta", Attr.n(countDelta)))).build());
        }
        if (change.endDate() != null && !to.terminal()) {
            writes.add(dueMarker(current.subscriptionId(), change.endDate()));
        }
        return writes;
    }

    /** Applies {@code change} on its own (a user's action); false when the record changed since it was read. */
    public boolean apply(BilledSubscription current, SubscriptionChange change) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(update(current, change)));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    private TransactWriteItem dueMarker(String subscriptionId, Instant endDate) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attr.s(duePartition(LocalDate.ofInstant(endDate, ZoneOffset.UTC))));
        item.put(SK, Attr.s(subscriptionId));
        item.put(TYPE, Attr.s("SubscriptionDue"));
        item.put("subscriptionId", Attr.s(subscriptionId));
        item.put("endDate", Attr.s(endDate.toString()));
        item.put(TableKeys.TTL, Attr.n(endDate.plus(DUE_MARKER_TTL).getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /**
     * Ids of subscriptions whose end date fell on {@code day} when the marker was written (the caller re-reads each:
     * a renewal since has moved the end date on and left the old marker behind).
     */
    public List<String> dueOn(LocalDate day) {
        List<String> ids = new ArrayList<>();
        queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(duePartition(day)))).build(),
                item -> ids.add(Attr.str(item, "subscriptionId")));
        return ids;
    }

    private static String duePartition(LocalDate day) {
        return "SUBDUE#" + day;
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
        item.put("version", Attr.n(0));
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
