package com.tradebot.local.messaging;

/**
 * A function's {@code Type: Schedule} event (an EventBridge rule).
 *
 * @param expression {@code rate(1 minute)} or {@code cron(0 2 * * ? *)}, in UTC
 * @param inputJson  the constant input sent instead of the scheduled event, or null
 */
public record ScheduleSpec(String name, String functionLogicalId, String expression, String inputJson,
                           boolean enabled) {
}
