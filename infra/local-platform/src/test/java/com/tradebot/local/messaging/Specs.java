package com.tradebot.local.messaging;

import java.util.List;

/** Short builders for the specs the tests use. */
public final class Specs {

    private Specs() {
    }

    public static QueueSpec standardQueue(String logicalId, int visibilityTimeoutSeconds) {
        return new QueueSpec(logicalId, logicalId.toLowerCase(), false, false, visibilityTimeoutSeconds, 0, 0, null, 0);
    }

    public static QueueSpec standardQueue(String logicalId, int visibilityTimeoutSeconds, String deadLetterQueueId,
                                          int maxReceiveCount) {
        return new QueueSpec(logicalId, logicalId.toLowerCase(), false, false, visibilityTimeoutSeconds, 0, 0,
                deadLetterQueueId, maxReceiveCount);
    }

    public static QueueSpec fifoQueue(String logicalId, int visibilityTimeoutSeconds) {
        return new QueueSpec(logicalId, logicalId.toLowerCase() + ".fifo", true, true, visibilityTimeoutSeconds, 0, 0,
                null, 0);
    }

    public static MessagingSpec queuesOnly(QueueSpec... queues) {
        return new MessagingSpec(List.of(queues), List.of(), List.of(), List.of(), List.of());
    }
}
