package com.tradebot.functions.api.marketplace;

import com.tradebot.auth.Role;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.signal.webhook.WebhookDeliveryRepository;
import com.tradebot.auth.Principal;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.signal.SignalService;
import com.tradebot.strategy.StrategyDraft;
import com.tradebot.strategy.StrategyService;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /api/strategies}: the public listing and detail, create (PROVIDER), update and soft delete (owner), the
 * owner's webhook URL and passphrase (GET reads, POST rotates) and intake log, and the verifiable track record;
 * {@code GET /api/providers/me/strategies}: the caller's own strategies, unpublished ones included.
 */
public final class StrategiesHandler extends ApiHandler {
    private final StrategyService strategies;
    private final SignalService signals;
    private final WebhookDeliveryRepository deliveries;

    public StrategiesHandler() {
        this(Marketplace.strategiesFromEnvironment(), Marketplace.readOnlySignalsFromEnvironment(),
                new WebhookDeliveryRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")));
    }

    public StrategiesHandler(StrategyService strategies, SignalService signals, WebhookDeliveryRepository deliveries) {
        this.strategies = strategies;
        this.signals = signals;
        this.deliveries = deliveries;
        route("GET", "/api/strategies", this::list);
        route("POST", "/api/strategies", request -> ApiResponse.created(this.strategies.create(
                request.requireRole(Role.PROVIDER).userId(), request.body(StrategyDraft.class))));
        route("GET", "/api/strategies/{id}", request -> ApiResponse.ok(this.strategies.get(request.pathParam("id"),
                request.principal().map(Principal::userId).orElse(null))));
        route("PUT", "/api/strategies/{id}", request -> ApiResponse.ok(this.strategies.update(
                request.requirePrincipal().userId(), request.pathParam("id"), request.body(StrategyDraft.class))));
        route("DELETE", "/api/strategies/{id}", request -> {
            this.strategies.delete(request.requirePrincipal().userId(), request.pathParam("id"));
            return ApiResponse.noContent();
        });
        route("GET", "/api/strategies/{id}/webhook", request -> ApiResponse.ok(this.strategies.webhook(
                request.requirePrincipal().userId(), request.pathParam("id"), apiBaseUrl(request))).header("Cache-Control", "no-store"));
        route("POST", "/api/strategies/{id}/webhook", request -> ApiResponse.ok(this.strategies.rotateWebhook(
                request.requirePrincipal().userId(), request.pathParam("id"), apiBaseUrl(request))).header("Cache-Control", "no-store"));
        route("GET", "/api/strategies/{id}/webhook/deliveries", request -> {
            String id = request.pathParam("id");
            this.strategies.owned(request.requirePrincipal().userId(), id);
            return ApiResponse.ok(Map.of("items", this.deliveries.latest(id))).header("Cache-Control", "no-store");
        });
        // issue 19: the caller's own strategies, private and inactive ones too (GSI1 PROVIDERSTRATS#<owner>), newest first
        route("GET", "/api/providers/me/strategies", request -> ApiResponse.ok(Map.of("items",
                this.strategies.mine(request.requirePrincipal().userId()).stream()
                        .sorted(java.util.Comparator.comparing(com.tradebot.strategy.Strategy::createdAt,
                                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                        .toList())).header("Cache-Control", "no-store"));
        route("GET", "/api/strategies/{id}/track-record", request -> ApiResponse.ok(this.signals.trackRecord(
                request.principal().map(Principal::userId).orElse(null), request.pathParam("id"))));
    }

    /**
     * The API's public base URL as the caller reached it (host, and the stage prefix API Gateway adds to the path),
     * so the webhook URL needs no template variable (RestApi → function → RestApi would be a circular reference).
     */
    public static String apiBaseUrl(ApiRequest request) {
        String host = request.header("Host").orElse("localhost");
        boolean local = host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
        String scheme = request.header("X-Forwarded-Proto").orElse(local ? "http" : "https");
        var context = request.event().getRequestContext();
        String prefix = "";
        // only API Gateway's own domain carries the stage in the path (custom domains and the local gateway do not)
        if (host.contains(".execute-api.") && context != null && context.getPath() != null && request.path() != null
                && context.getPath().endsWith(request.path())) {
            prefix = context.getPath().substring(0, context.getPath().length() - request.path().length());
        }
        return scheme + "://" + host + prefix;
    }

    private ApiResponse list(ApiRequest request) {
        Map<String, String> params = new HashMap<>();
        for (String name : new String[] {"category", "pair", "timeframe", "minPrice", "maxPrice", "minWinRate", "sort",
                "order", "limit", "cursor"}) {
            request.query(name).ifPresent(value -> params.put(name, value));
        }
        return ApiResponse.ok(strategies.list(params));
    }
}
