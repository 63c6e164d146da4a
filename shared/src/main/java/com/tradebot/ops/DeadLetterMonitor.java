package com.tradebot.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Counts the messages waiting in each dead-letter queue. On AWS the template's alarms watch the same numbers;
 * locally this scheduled report is how a poison message becomes visible in the console.
 */
public final class DeadLetterMonitor {
    private final List<String> queueUrls;
    private final ToLongFunction<String> depthOf;

    public DeadLetterMonitor(List<String> queueUrls, ToLongFunction<String> depthOf) {
        this.queueUrls = List.copyOf(queueUrls);
        this.depthOf = depthOf;
    }

    /** Queue URL → messages waiting, only for queues that hold any. */
    public Map<String, Long> nonEmptyQueues() {
        Map<String, Long> waiting = new LinkedHashMap<>();
        for (String url : queueUrls) {
            long depth = depthOf.applyAsLong(url);
            if (depth > 0) {
                waiting.put(url, depth);
            }
        }
        return waiting;
    }
}
