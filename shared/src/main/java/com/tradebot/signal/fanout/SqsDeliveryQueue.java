package com.tradebot.signal.fanout;

import com.tradebot.common.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends delivery batches with SendMessageBatch, 10 entries a request (the SQS limit); failed entries fail the call. */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public int send(List<DeliveryBatch> batches) {
        int requests = 0;
        for (int from = 0; from < batches.size(); from += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (DeliveryBatch batch : batches.subList(from, Math.min(from + SQS_BATCH, batches.size()))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.index()))
                        .messageBody(Json.write(batch)).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            requests++;
            if (response.hasFailed() && !response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().get(0);
                // the whole dispatch record is retried; recipients already sent to dedupe by event id
                throw new IllegalStateException(response.failed().size() + " delivery batches not queued: " + first.code());
            }
        }
        return requests;
    }
}
