package com.tradebot.local.messaging.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers with a plain Map, as a handler whose output went through JSON would: the messages whose body starts with
 * "bad" are reported failed, or, when {@code reportUnknownId} is set, an id that is not in the batch.
 */
public final class MapResponseFunction implements RequestHandler<SQSEvent, Map<String, Object>> {

    private final boolean reportUnknownId;
    private final List<String> deliveredBodies = new CopyOnWriteArrayList<>();

    public MapResponseFunction(boolean reportUnknownId) {
        this.reportUnknownId = reportUnknownId;
    }

    @Override
    public Map<String, Object> handleRequest(SQSEvent event, Context context) {
        event.getRecords().forEach(record -> deliveredBodies.add(record.getBody()));
        if (reportUnknownId) {
            return Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "not-in-this-batch")));
        }
        List<Map<String, String>> failures = event.getRecords().stream()
                .filter(record -> record.getBody().startsWith("bad"))
                .map(record -> Map.of("itemIdentifier", record.getMessageId()))
                .toList();
        return Map.of("batchItemFailures", failures);
    }

    public List<String> deliveredBodies() {
        return deliveredBodies;
    }
}
