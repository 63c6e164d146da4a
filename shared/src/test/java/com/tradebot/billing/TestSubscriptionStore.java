package com.tradebot.billing;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A small DynamoDB-backed {@link SubscriptionBilling} for billing's tests, standing in for the subscription
 * repository (being built elsewhere) with the contract it must keep: consistent reads and version-guarded writes.
 * Items: {@code TESTSUB#<id> / SUBSCRIPTION}.
 */
final class TestSubscriptionStore implements SubscriptionBilling {
    private final DynamoDbClient dynamoDb;
    private final String table;

    TestSubscriptionStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** A PENDING subscription, as POST /api/subscriptions creates it before checkout. */
    void createPending(String subscriptionId, String userId, String strategyId) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriptionId));
        item.put(TYPE, Attr.s("TestSubscription"));
        item.put("userId", Attr.s(userId));
        item.put("strategyId", Attr.s(strategyId));
        item.put("status", Attr.s(BillingStatus.PENDING.name()));
        item.put("autoRenew", Attr.bool(true));
        item.put("version", Attr.n(0));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    @Override
    public Optional<BilledSubscription> find(String subscriptionId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(subscriptionId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BilledSubscription(subscriptionId, Attr.str(item, "userId"),
                Attr.str(item, "strategyId"), BillingStatus.valueOf(Attr.str(item, "status")),
                Attr.instant(item, "endDate"), Attr.flag(item, "autoRenew"), Attr.str(item, "stripeSubscriptionId"),
                Attr.num(item, "version", 0)));
    }

    BilledSubscription get(String subscriptionId) {
        return find(subscriptionId).orElseThrow();
    }

    String stripeCustomer(String subscriptionId) {
        return Attr.str(dynamoDb.getItem(b -> b.tableName(table).key(key(subscriptionId)).consistentRead(true))
                .item(), "stripeCustomerId");
    }

    @Override
    public java.util.List<TransactWriteItem> update(BilledSubscription current, SubscriptionChange change) {
        StringBuilder set = new StringBuilder("SET version = :next");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", Attr.n(current.version() + 1));
        values.put(":expected", Attr.n(current.version()));
        Map<String, String> names = new HashMap<>();
        if (change.status() != null) {
            set.append(", #status = :status");
            names.put("#status", "status");
            values.put(":status", Attr.s(change.status().name()));
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
        return java.util.List.of(TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(key(current.subscriptionId()))
                    .updateExpression(set.toString())
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(values);
            if (!names.isEmpty()) {
                u.expressionAttributeNames(names);
            }
        }).build());
    }

    /** Whether signals would be delivered now: active and paid until after {@code now}. */
    boolean receivesSignals(String subscriptionId, Instant now) {
        BilledSubscription s = get(subscriptionId);
        return s.status() == BillingStatus.ACTIVE && s.endDate() != null && s.endDate().isAfter(now);
    }

    private static Map<String, AttributeValue> key(String subscriptionId) {
        return Map.of(PK, Attr.s("TESTSUB#" + subscriptionId), SK, Attr.s("SUBSCRIPTION"));
    }
}
