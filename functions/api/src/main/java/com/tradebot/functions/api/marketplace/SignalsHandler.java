package com.tradebot.functions.api.marketplace;

import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.signal.SignalChange;
import com.tradebot.signal.SignalDraft;
import com.tradebot.signal.SignalService;
import java.util.List;

/**
 * {@code /api/signals}: the caller's feed (signals of live subscriptions and own strategies), one signal,
 * and for a strategy's owner publish, update / close ({@code PUT}) and cancel ({@code DELETE}).
 */
public final class SignalsHandler extends ApiHandler {
    private final SignalService signals;

    public SignalsHandler() {
        this(Marketplace.signalsFromEnvironment());
    }

    public SignalsHandler(SignalService signals) {
        this.signals = signals;
        route("GET", "/api/signals", this::feed);
        route("GET", "/api/signals/{id}", request -> ApiResponse.ok(this.signals.get(request.requirePrincipal().userId(),
                request.pathParam("id"))));
        route("POST", "/api/signals", request -> {
            String userId = request.requirePrincipal().userId();
            return ApiResponse.created(this.signals.create(userId, request.body(SignalDraft.class), request.requestId()));
        });
        route("PUT", "/api/signals/{id}", request -> {
            String userId = request.requirePrincipal().userId();
            return ApiResponse.ok(this.signals.update(userId, request.pathParam("id"),
                    request.body(SignalChange.class), request.requestId()));
        });
        route("DELETE", "/api/signals/{id}", request -> ApiResponse.ok(this.signals.cancel(
                request.requirePrincipal().userId(), request.pathParam("id"), request.requestId())));
    }

    private ApiResponse feed(ApiRequest request) {
        String userId = request.requirePrincipal().userId();
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit").orElse("20"));
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "a number from 1 to 100")));
        }
        return ApiResponse.ok(signals.feed(userId, request.query("strategyId").orElse(null),
                request.query("cursor").orElse(null), limit));
    }
}
