package com.tradebot.local.template;

/** A function's {@code Type: Schedule} or {@code ScheduleV2} event; name is the event's Name or its key. */
public record ScheduleDef(String name, String functionLogicalId, String expression, String inputJson,
        boolean enabled) {
}
