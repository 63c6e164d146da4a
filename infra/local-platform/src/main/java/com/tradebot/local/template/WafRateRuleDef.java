package com.tradebot.local.template;

import java.util.Map;

/**
 * A rate-based rule of an {@code AWS::WAFv2::WebACL}: at most {@code limit} requests per IP in
 * {@code windowSeconds}, counted only for requests that its scope-down statement matches (if any).
 *
 * @param scopeDownStatement the rule's {@code ScopeDownStatement} as written (intrinsics resolved); null: all requests
 * @param blockBody          the custom response body, null for WAF's default
 */
public record WafRateRuleDef(String name, int priority, long limit, int windowSeconds,
        Map<String, Object> scopeDownStatement, int blockStatus, String blockBody, String blockContentType,
        Map<String, String> blockHeaders) {
}
