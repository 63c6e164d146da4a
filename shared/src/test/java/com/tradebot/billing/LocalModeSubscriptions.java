package com.tradebot.billing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Opens the package-private {@link TestSubscriptionStore} to billing's tests in other packages. */
public final class LocalModeSubscriptions {
    private final TestSubscriptionStore store;

    public LocalModeSubscriptions(DynamoDbClient dynamoDb, String table) {
        this.store = new TestSubscriptionStore(dynamoDb, table);
    }

    public SubscriptionBilling port() {
        return store;
    }

    public void createPending(String subscriptionId, String userId, String strategyId) {
        store.createPending(subscriptionId, userId, strategyId);
    }

    public BilledSubscription get(String subscriptionId) {
        return store.get(subscriptionId);
    }
}
