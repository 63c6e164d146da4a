package com.tradebot.functions.api.marketplace;

import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.subscription.PaidSubscriptions;
import com.tradebot.subscription.PaymentsWiring;
import com.tradebot.subscription.SubscriptionService;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/subscriptions}: the caller's subscriptions, subscribing (free strategies at once, paid ones through
 * checkout: {@code {subscription: {id, status: "PENDING"}, checkoutUrl}}), cancelling and pausing (mirrored to Stripe).
 */
public final class SubscriptionsHandler extends ApiHandler {
    private final SubscriptionService subscriptions;
    private final PaidSubscriptions paid;

    /** The body of POST /api/subscriptions. */
    public record SubscribeBody(String strategyId) {
    }

    public SubscriptionsHandler() {
        this(PaymentsWiring.fromEnvironment());
    }

    private SubscriptionsHandler(PaymentsWiring wiring) {
        this(wiring.subscriptionService(), wiring.paidSubscriptions());
    }

    public SubscriptionsHandler(SubscriptionService subscriptions, PaidSubscriptions paid) {
        this.subscriptions = subscriptions;
        this.paid = paid;
        route("GET", "/api/subscriptions", request -> ApiResponse.ok(Map.of("items",
                this.subscriptions.mine(request.requirePrincipal().userId()))));
        route("POST", "/api/subscriptions", request -> {
            String userId = request.requirePrincipal().userId();
            SubscribeBody body = request.body(SubscribeBody.class);
            if (body.strategyId() == null || body.strategyId().isBlank()) {
                throw ApiException.validation(List.of(new ApiException.FieldError("strategyId", "is required")));
            }
            String base = StrategiesHandler.apiBaseUrl(request);
            // where Stripe sends the subscriber back: the subscription list shows the new state
            return ApiResponse.created(this.paid.subscribe(userId, body.strategyId(), id ->
                    new PaidSubscriptions.ReturnUrls(base + "/api/subscriptions?checkout=success&id=" + id,
                            base + "/api/subscriptions?checkout=cancelled&id=" + id)));
        });
        route("PUT", "/api/subscriptions/{id}/cancel", request -> ApiResponse.ok(this.paid.cancel(
                request.requirePrincipal().userId(), request.pathParam("id"))));
        route("PUT", "/api/subscriptions/{id}/pause", request -> ApiResponse.ok(this.paid.pause(
                request.requirePrincipal().userId(), request.pathParam("id"))));
    }
}
