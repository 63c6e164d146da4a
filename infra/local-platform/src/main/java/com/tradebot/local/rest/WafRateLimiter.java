package com.tradebot.local.rest;

import com.tradebot.local.template.WafRateRuleDef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's WAF rate-based rules, applied before the API as WAF would: requests per client IP in the rule's
 * evaluation window, counted for requests in the rule's scope; above the limit the rule's block response is sent.
 * A sliding log per IP (bounded by the limit) stands in for WAF's internal counters.
 */
final class WafRateLimiter {
    private final List<WafRateRuleDef> rules;
    private final Map<String, Deque<Long>> requestTimes = new ConcurrentHashMap<>();

    WafRateLimiter(List<WafRateRuleDef> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The first rule that blocks this request, if any. */
    Optional<WafRateRuleDef> check(String sourceIp, String uriPath) {
        long now = System.currentTimeMillis();
        for (WafRateRuleDef rule : rules) {
            if (!inScope(rule, uriPath)) {
                continue;
            }
            Deque<Long> times = requestTimes.computeIfAbsent(rule.name() + "|" + sourceIp, key -> new ArrayDeque<>());
            synchronized (times) {
                long windowStart = now - rule.windowSeconds() * 1000L;
                while (!times.isEmpty() && times.peekFirst() <= windowStart) {
                    times.pollFirst();
                }
                if (times.size() >= rule.limit()) {
                    return Optional.of(rule);
                }
                times.addLast(now);
            }
        }
        return Optional.empty();
    }

    private static boolean inScope(WafRateRuleDef rule, String uriPath) {
        if (rule.uriMatch() == null) {
            return true;
        }
        String path = rule.lowercaseUri() ? uriPath.toLowerCase(Locale.ROOT) : uriPath;
        String search = rule.uriSearchString();
        return switch (rule.uriMatch()) {
            case "STARTS_WITH" -> path.startsWith(search);
            case "EXACTLY" -> path.equals(search);
            case "CONTAINS" -> path.contains(search);
            case "ENDS_WITH" -> path.endsWith(search);
            default -> false;
        };
    }
}
