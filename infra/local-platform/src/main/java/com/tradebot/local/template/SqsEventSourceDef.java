package com.tradebot.local.template;

/**
 * A function's {@code Type: SQS} event (a Lambda event source mapping).
 *
 * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}: how many batches may be invoked at once
 *                           (1 when the template leaves it out: the local platform's conservative default)
 */
public record SqsEventSourceDef(String functionLogicalId, String queueLogicalId, int batchSize,
        int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled, int maximumConcurrency) {

    public SqsEventSourceDef(String functionLogicalId, String queueLogicalId, int batchSize,
            int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled) {
        this(functionLogicalId, queueLogicalId, batchSize, maximumBatchingWindowSeconds, reportBatchItemFailures,
                enabled, 1);
    }
}
