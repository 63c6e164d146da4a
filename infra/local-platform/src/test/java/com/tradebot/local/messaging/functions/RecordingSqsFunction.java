package com.tradebot.local.messaging.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every batch and message it is given. Messages whose body is in {@code failOnce} fail on their first
 * delivery only (reported as batch item failures); a body in {@code alwaysFail} fails every time.
 */
public final class RecordingSqsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final List<List<SQSEvent.SQSMessage>> batches = new CopyOnWriteArrayList<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> alwaysFail = ConcurrentHashMap.newKeySet();

    public RecordingSqsFunction failOnce(String... bodies) {
        failOnce.addAll(List.of(bodies));
        return this;
    }

    public RecordingSqsFunction alwaysFail(String... bodies) {
        alwaysFail.addAll(List.of(bodies));
        return this;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        batches.add(List.copyOf(event.getRecords()));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (alwaysFail.contains(message.getBody()) || failOnce.remove(message.getBody())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    public List<List<SQSEvent.SQSMessage>> batches() {
        return Collections.unmodifiableList(batches);
    }

    public List<SQSEvent.SQSMessage> messages() {
        List<SQSEvent.SQSMessage> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    public List<String> bodies() {
        return messages().stream().map(SQSEvent.SQSMessage::getBody).toList();
    }
}
