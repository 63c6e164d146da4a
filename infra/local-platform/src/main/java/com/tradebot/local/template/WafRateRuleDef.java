package com.tradebot.local.template;

import java.util.Map;

/**
 * A rate-based rule of an {@code AWS::WAFv2::WebACL}: at most {@code limit} requests per IP in
 * {@code windowSeconds}, counted only for requests whose URI path matches the scope-down byte match (if any).
 *
 * @param uriMatch           {@code STARTS_WITH}, {@code EXACTLY}, {@code CONTAINS} or {@code ENDS_WITH}; null: all requests
 * @param blockBody          the custom response body, null for WAF's default
 */
public record WafRateRuleDef(String name, int priority, long limit, int windowSeconds, String uriMatch,
        String uriSearchString, boolean lowercaseUri, int blockStatus, String blockBody, String blockContentType,
        Map<String, String> blockHeaders) {
}
