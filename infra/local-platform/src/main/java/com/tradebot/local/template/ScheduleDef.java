package com.tradebot.local.template;

/**
 * A function's {@code Type: Schedule} or {@code ScheduleV2} event (an EventBridge rule); name is the event's Name or
 * its key.
 *
 * @param expression {@code rate(1 minute)} or {@code cron(0 2 * * ? *)}, in UTC
 * @param inputJson  the constant input sent instead of the scheduled event, or null
 */
public record ScheduleDef(String name, String functionLogicalId, String expression, String inputJson,
        boolean enabled) {
}
