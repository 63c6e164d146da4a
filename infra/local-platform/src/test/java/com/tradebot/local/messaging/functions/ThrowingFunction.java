package com.tradebot.local.messaging.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that always throws, after recording the receive count of each message it was given. */
public final class ThrowingFunction implements RequestHandler<SQSEvent, Void> {

    private final List<String> receiveCounts = new CopyOnWriteArrayList<>();

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        event.getRecords().forEach(record -> receiveCounts.add(record.getAttributes().get("ApproximateReceiveCount")));
        throw new IllegalStateException("poison message");
    }

    public List<String> receiveCounts() {
        return receiveCounts;
    }
}
