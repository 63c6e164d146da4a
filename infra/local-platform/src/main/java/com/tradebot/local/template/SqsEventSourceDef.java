package com.tradebot.local.template;

/** A function's {@code Type: SQS} event (a Lambda event source mapping). */
public record SqsEventSourceDef(String functionLogicalId, String queueLogicalId, int batchSize,
        int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled) {
}
