package com.tradebot.local.rest;

import com.tradebot.local.template.ThrottleDef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage throttling from {@code MethodSettings}: a token bucket (burst capacity, refilled at the rate limit per
 * second) per matching setting; the most specific setting for the resource path and method applies.
 */
final class StageThrottle {
    private final List<ThrottleDef> settings;
    private final Map<ThrottleDef, TokenBucket> buckets = new ConcurrentHashMap<>();

    StageThrottle(List<ThrottleDef> settings) {
        this.settings = settings.stream().sorted(Comparator.comparingInt(StageThrottle::generality)).toList();
    }

    boolean tryAcquire(String resourcePath, String httpMethod) {
        for (ThrottleDef setting : settings) {
            if (matches(setting, resourcePath, httpMethod)) {
                return buckets.computeIfAbsent(setting, s -> new TokenBucket(s.burstLimit(), s.rateLimit()))
                        .tryAcquire();
            }
        }
        return true;
    }

    private static int generality(ThrottleDef setting) {
        return (setting.resourcePath().equals("/*") ? 2 : 0) + (setting.httpMethod().equals("*") ? 1 : 0);
    }

    private static boolean matches(ThrottleDef setting, String resourcePath, String httpMethod) {
        // MethodSettings write a resource path as "/" + the path with each "/" escaped as "~1": /~1items~1{id}.
        String configured = setting.resourcePath();
        boolean pathMatches = configured.equals("/*")
                || configured.substring(1).replace("~1", "/").equals(resourcePath);
        return pathMatches && (setting.httpMethod().equals("*") || setting.httpMethod().equalsIgnoreCase(httpMethod));
    }

    private static final class TokenBucket {
        private final double capacity;
        private final double refillPerNano;
        private double tokens;
        private long lastRefill = System.nanoTime();

        TokenBucket(int burst, double ratePerSecond) {
            this.capacity = Math.max(1, burst);
            this.refillPerNano = ratePerSecond / 1_000_000_000d;
            this.tokens = capacity;
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
            lastRefill = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
