package com.tradebot.local.messaging;

/** A function's {@code Type: SQS} event (a Lambda event source mapping). */
public record SqsEventSourceSpec(String functionLogicalId, String queueLogicalId, int batchSize,
                                 int maximumBatchingWindowSeconds, boolean reportBatchItemFailures,
                                 boolean enabled) {
}
