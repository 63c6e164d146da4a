package com.tradebot.local.rest;

import com.tradebot.local.template.WafRateRuleDef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's WAF rate-based rules, applied before the API as WAF would: requests per client IP in the rule's
 * evaluation window, counted for requests that the rule's scope-down statement matches (evaluated as written in the
 * template, see {@link WafStatement}); above the limit the rule's block response is sent.
 * A sliding log per IP (bounded by the limit) stands in for WAF's internal counters.
 */
final class WafRateLimiter {
    private record CompiledRule(WafRateRuleDef definition, WafStatement scope) {
    }

    private final List<CompiledRule> rules = new ArrayList<>();
    private final Map<String, Deque<Long>> requestTimes = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when a rule uses a statement the local WAF does not evaluate */
    WafRateLimiter(List<WafRateRuleDef> rules) {
        for (WafRateRuleDef rule : rules) {
            try {
                this.rules.add(new CompiledRule(rule, WafStatement.compile(rule.scopeDownStatement())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("WAF rule " + rule.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The first rule that blocks this request, if any.
     *
     * @param rawUriPath the path as the client sent it (WAF inspects it before any decoding)
     */
    Optional<WafRateRuleDef> check(String sourceIp, String method, String rawUriPath) {
        long now = System.currentTimeMillis();
        WafStatement.Request request = new WafStatement.Request(method, rawUriPath);
        for (CompiledRule rule : rules) {
            if (!rule.scope().matches(request)) {
                continue;
            }
            WafRateRuleDef definition = rule.definition();
            Deque<Long> times = requestTimes.computeIfAbsent(definition.name() + "|" + sourceIp,
                    key -> new ArrayDeque<>());
            synchronized (times) {
                long windowStart = now - definition.windowSeconds() * 1000L;
                while (!times.isEmpty() && times.peekFirst() <= windowStart) {
                    times.pollFirst();
                }
                if (times.size() >= definition.limit()) {
                    return Optional.of(definition);
                }
                times.addLast(now);
            }
        }
        return Optional.empty();
    }
}
