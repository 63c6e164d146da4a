package com.tradebot.local.template;

/** A stage's {@code MethodSettings} throttling for one resource path and method ({@code /*} and {@code *} match all). */
public record ThrottleDef(String resourcePath, String httpMethod, double rateLimit, int burstLimit) {
}
