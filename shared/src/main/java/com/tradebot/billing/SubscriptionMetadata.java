package com.tradebot.billing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata billing writes on a Checkout Session and its Stripe subscription (so every invoice carries a
 * snapshot of it): whose subscription it is, to which strategy and provider, and the revenue share fixed at checkout.
 */
public record SubscriptionMetadata(String subscriptionId, String userId, String strategyId, String providerId,
                                   int revenueSharePercent) {
    public static final String SUBSCRIPTION_ID = "subscriptionId";
    public static final String USER_ID = "userId";
    public static final String STRATEGY_ID = "strategyId";
    public static final String PROVIDER_ID = "providerId";
    public static final String REVENUE_SHARE_PERCENT = "revenueSharePercent";

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(SUBSCRIPTION_ID, subscriptionId);
        map.put(USER_ID, userId);
        map.put(STRATEGY_ID, strategyId);
        map.put(PROVIDER_ID, providerId);
        map.put(REVENUE_SHARE_PERCENT, Integer.toString(revenueSharePercent));
        return map;
    }

    /** The metadata if all of it is present and well formed; Stripe objects billing did not create have none. */
    public static Optional<SubscriptionMetadata> fromMap(Map<String, String> map) {
        if (map == null) {
            return Optional.empty();
        }
        String subscriptionId = map.get(SUBSCRIPTION_ID);
        String userId = map.get(USER_ID);
        String strategyId = map.get(STRATEGY_ID);
        String providerId = map.get(PROVIDER_ID);
        String share = map.get(REVENUE_SHARE_PERCENT);
        if (subscriptionId == null || userId == null || strategyId == null || providerId == null || share == null) {
            return Optional.empty();
        }
        try {
            int percent = Integer.parseInt(share);
            return percent < 0 || percent > 100 ? Optional.empty()
                    : Optional.of(new SubscriptionMetadata(subscriptionId, userId, strategyId, providerId, percent));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
