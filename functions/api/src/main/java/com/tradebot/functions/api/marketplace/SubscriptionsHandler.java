package com.tradebot.functions.api.marketplace;

import com.tradebot.common.ApiException;
import com.tradebot.auth.Principal;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.subscription.SubscriptionService;
import java.util.List;
import java.util.Map;

/** {@code /api/subscriptions}: the caller's subscriptions, subscribing to a free strategy, cancelling. */
public final class SubscriptionsHandler extends ApiHandler {
    private final SubscriptionService subscriptions;

    /** The body of POST /api/subscriptions. */
    public record SubscribeBody(String strategyId) {
    }

    public SubscriptionsHandler() {
        this(Marketplace.subscriptionsFromEnvironment());
    }

    public SubscriptionsHandler(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
        route("GET", "/api/subscriptions", request -> ApiResponse.ok(Map.of("items",
                this.subscriptions.mine(request.requirePrincipal().userId()))));
        route("POST", "/api/subscriptions", request -> {
            String userId = request.requirePrincipal().userId();
            SubscribeBody body = request.body(SubscribeBody.class);
            if (body.strategyId() == null || body.strategyId().isBlank()) {
                throw ApiException.validation(List.of(new ApiException.FieldError("strategyId", "is required")));
            }
            return ApiResponse.created(this.subscriptions.subscribe(userId, body.strategyId()));
        });
        route("PUT", "/api/subscriptions/{id}/cancel", request -> ApiResponse.ok(this.subscriptions.cancel(
                request.requirePrincipal().userId(), request.pathParam("id"))));
    }
}
