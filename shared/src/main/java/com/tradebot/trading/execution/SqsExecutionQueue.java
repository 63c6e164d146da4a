package com.tradebot.trading.execution;

import com.tradebot.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** SendMessageBatch to the FIFO executions queue, 10 entries a request, group and deduplication id per request. */
public final class SqsExecutionQueue implements ExecutionQueue {
    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsExecutionQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public int send(List<ExecutionRequest> requests) {
        return sendAll(requests, r -> new Envelope(r.messageGroupId(), r.deduplicationId(), r.correlationId()));
    }

    @Override
    public int sendCloses(List<SignalCloseRequest> requests) {
        return sendAll(requests, r -> new Envelope(r.messageGroupId(), r.deduplicationId(), r.correlationId()));
    }

    private record Envelope(String group, String deduplicationId, String correlationId) {
    }

    private <T> int sendAll(List<T> requests, Function<T, Envelope> envelope) {
        int calls = 0;
        for (int from = 0; from < requests.size(); from += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<T> slice = requests.subList(from, Math.min(from + SQS_BATCH, requests.size()));
            for (int i = 0; i < slice.size(); i++) {
                T request = slice.get(i);
                Envelope e = envelope.apply(request);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).messageBody(Json.write(request))
                        .messageGroupId(e.group())
                        .messageDeduplicationId(e.deduplicationId());
                if (e.correlationId() != null) {
                    entry.messageAttributes(java.util.Map.of("correlationId", MessageAttributeValue.builder()
                            .dataType("String").stringValue(e.correlationId()).build()));
                }
                entries.add(entry.build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            calls++;
            if (response.hasFailed() && !response.failed().isEmpty()) {
                // the whole signal event is retried; entries already sent are dropped by their deduplication id
                throw new IllegalStateException(response.failed().size() + " execution requests not queued: "
                        + response.failed().get(0).code());
            }
        }
        return calls;
    }
}
