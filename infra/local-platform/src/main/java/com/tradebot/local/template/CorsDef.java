package com.tradebot.local.template;

/** An API's {@code Cors} setting, values without SAM's single quotes; null fields are not sent. */
public record CorsDef(String allowOrigin, String allowMethods, String allowHeaders, String exposeHeaders,
        String maxAge, boolean allowCredentials) {
}
