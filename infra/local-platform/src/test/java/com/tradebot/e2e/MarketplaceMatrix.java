package com.tradebot.e2e;

import java.util.Map;

/** The marketplace resources the authorization matrix refers to: strategies, a signal and a subscription of OWNER. */
final class MarketplaceMatrix {
    static String strategyId;
    static String deletableStrategyId;
    static String signalId;
    static String subscriptionId;

    private MarketplaceMatrix() {
    }

    /** {@code owner} is a PROVIDER; {@code provider} is another provider whose free strategy the owner subscribes to. */
    static void create(Http http, Accounts.User owner, Accounts.User provider) {
        strategyId = created(http.post("/api/strategies", Marketplace.strategyBody("Matrix", "0"), "Authorization", owner.bearer()));
        deletableStrategyId = created(http.post("/api/strategies", Marketplace.strategyBody("Matrix delete", "0"),
                "Authorization", owner.bearer()));
        signalId = created(http.post("/api/signals", Marketplace.buyBody(strategyId, "100", "95", "110"),
                "Authorization", owner.bearer()));
        String otherStrategy = created(http.post("/api/strategies", Marketplace.strategyBody("Other", "0"),
                "Authorization", provider.bearer()));
        subscriptionId = created(http.post("/api/subscriptions", Http.json(Map.of("strategyId", otherStrategy)),
                "Authorization", owner.bearer()));
    }

    private static String created(Http.Response response) {
        if (response.status() != 201) {
            throw new AssertionError("fixture: " + response.status() + " " + response.body());
        }
        return response.json().get("id").asText();
    }
}
