package com.tradebot.local.template;

/**
 * An {@code AWS::SQS::Queue} of the template.
 *
 * @param messageRetentionSeconds 60..1209600; 0 or less means SQS's default of 4 days
 * @param deadLetterQueueLogicalId the redrive target's logical id, or null for none
 * @param maxReceiveCount          receives before a message moves to the dead-letter queue (used only with a DLQ)
 */
public record QueueDef(String logicalId, String queueName, boolean fifo, boolean contentBasedDeduplication,
        int visibilityTimeoutSeconds, int messageRetentionSeconds, int delaySeconds, String deadLetterQueueLogicalId,
        int maxReceiveCount) {
}
