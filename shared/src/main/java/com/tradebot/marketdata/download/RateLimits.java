package com.tradebot.marketdata.download;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;

/** Recognises rate-limit answers in the exceptions XChange's HTTP layer (rescu) throws. */
final class RateLimits {
    private RateLimits() {
    }

    /** The rate-limit signal in {@code e}, or null when {@code e} is another failure. */
    static RateLimitedException of(Throwable e) {
        if (e instanceof HttpStatusException status) {
            int code = status.getHttpStatusCode();
            if (code == 429 || code == 418 || (code == 403 && String.valueOf(e.getMessage()).contains("too frequent"))) {
                return new RateLimitedException("HTTP " + code + ": " + e.getMessage(), retryAfter(e));
            }
        }
        return null;
    }

    private static Duration retryAfter(Throwable e) {
        if (e instanceof HttpResponseAware aware && aware.getResponseHeaders() != null) {
            for (Map.Entry<String, List<String>> h : aware.getResponseHeaders().entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty()) {
                    try {
                        return Duration.ofSeconds(Long.parseLong(h.getValue().get(0).trim()));
                    } catch (NumberFormatException ignored) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
