package com.tradebot.functions.api.auth;

import com.tradebot.auth.TooManyAttemptsException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import java.util.Map;

/** Turns the back-off of {@link TooManyAttemptsException} into a 429 with {@code Retry-After}, as the WAF answers. */
final class Throttled {
    private Throttled() {
    }

    static ApiHandler.Route withRetryAfter(ApiHandler.Route route) {
        return request -> {
            try {
                return route.handle(request);
            } catch (TooManyAttemptsException e) {
                return ApiResponse.of(429, Map.of("error", Map.of("code", e.code(), "message", e.getMessage())))
                        .header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
        };
    }
}
