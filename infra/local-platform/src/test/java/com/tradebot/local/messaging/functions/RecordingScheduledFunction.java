package com.tradebot.local.messaging.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records the events it is invoked with; a slow one stays busy until released, like a long job. */
public final class RecordingScheduledFunction implements RequestHandler<JsonNode, Void> {

    private final CountDownLatch release;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private RecordingScheduledFunction(CountDownLatch release) {
        this.release = release;
    }

    public static RecordingScheduledFunction quick() {
        return new RecordingScheduledFunction(new CountDownLatch(0));
    }

    /** Busy until {@code release} counts down (at most 10 s). */
    public static RecordingScheduledFunction busyUntil(CountDownLatch release) {
        return new RecordingScheduledFunction(release);
    }

    @Override
    public Void handleRequest(JsonNode event, Context context) {
        events.add(event);
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    public List<JsonNode> events() {
        return events;
    }
}
