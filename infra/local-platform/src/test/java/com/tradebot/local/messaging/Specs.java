package com.tradebot.local.messaging;

import com.tradebot.local.template.QueueDef;
import java.util.List;

/** Short builders for the specs the tests use. */
public final class Specs {

    private Specs() {
    }

    public static QueueDef standardQueue(String logicalId, int visibilityTimeoutSeconds) {
        return new QueueDef(logicalId, logicalId.toLowerCase(), false, false, visibilityTimeoutSeconds, 0, 0, null, 0);
    }

    public static QueueDef standardQueue(String logicalId, int visibilityTimeoutSeconds, String deadLetterQueueId,
                                          int maxReceiveCount) {
        return new QueueDef(logicalId, logicalId.toLowerCase(), false, false, visibilityTimeoutSeconds, 0, 0,
                deadLetterQueueId, maxReceiveCount);
    }

    public static QueueDef fifoQueue(String logicalId, int visibilityTimeoutSeconds) {
        return new QueueDef(logicalId, logicalId.toLowerCase() + ".fifo", true, true, visibilityTimeoutSeconds, 0, 0,
                null, 0);
    }

    public static MessagingSpec queuesOnly(QueueDef... queues) {
        return new MessagingSpec(List.of(queues), List.of(), List.of(), List.of(), List.of());
    }
}
