package com.tradebot.local.messaging.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a handler's partial batch response ({@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}) the
 * way Lambda does: whatever type the handler returned (SQSBatchResponse, Map, JsonNode or JSON text), and a
 * response naming an empty or unknown message id fails the whole batch.
 */
final class BatchItemFailures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchItemFailures() {
    }

    /** @return the ids of the messages that failed; all of {@code batchMessageIds} when the response is invalid */
    static Set<String> failedMessageIds(Object handlerOutput, Set<String> batchMessageIds) {
        JsonNode response = asJson(handlerOutput);
        if (response == null || response.isNull() || response.isMissingNode()) {
            return Set.of();
        }
        if (!response.isObject()) {
            return batchMessageIds;
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return batchMessageIds;
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            if (identifier == null || !identifier.isTextual() || !batchMessageIds.contains(identifier.asText())) {
                return batchMessageIds;
            }
            failed.add(identifier.asText());
        }
        return failed;
    }

    private static JsonNode asJson(Object output) {
        if (output == null) {
            return null;
        }
        if (output instanceof JsonNode node) {
            return node;
        }
        if (output instanceof String text) {
            try {
                return text.isBlank() ? null : JSON.readTree(text);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(text);
            }
        }
        return JSON.valueToTree(output);
    }
}
