package com.tradebot.local.messaging.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the events it is invoked with; optionally takes its time, like a slow job. */
public final class RecordingScheduledFunction implements RequestHandler<JsonNode, Void> {

    private final Duration workTime;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    public RecordingScheduledFunction(Duration workTime) {
        this.workTime = workTime;
    }

    @Override
    public Void handleRequest(JsonNode event, Context context) {
        events.add(event);
        if (!workTime.isZero()) {
            try {
                Thread.sleep(workTime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return null;
    }

    public List<JsonNode> events() {
        return events;
    }
}
