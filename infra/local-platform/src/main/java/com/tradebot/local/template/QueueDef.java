package com.tradebot.local.template;

/** An {@code AWS::SQS::Queue}; the dead-letter queue is named by logical id (null when none). */
public record QueueDef(String logicalId, String queueName, boolean fifo, boolean contentBasedDeduplication,
        int visibilityTimeoutSeconds, int messageRetentionSeconds, int delaySeconds, String deadLetterQueueLogicalId,
        int maxReceiveCount) {
}
