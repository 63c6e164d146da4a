package com.tradebot.local.messaging.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.messaging.LocalAws;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The event a schedule invokes its function with: EventBridge's "Scheduled Event", or the rule's constant input. */
public final class ScheduledEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduledEvents() {
    }

    /** @throws IllegalArgumentException when the constant input is not JSON */
    public static JsonNode parseInput(String inputJson) {
        try {
            JsonNode input = JSON.readTree(inputJson);
            if (input == null || input.isMissingNode()) {
                throw new IllegalArgumentException("Schedule input is empty");
            }
            return input;
        } catch (IOException e) {
            throw new IllegalArgumentException("Schedule input is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode scheduledEvent(String ruleName, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalAws.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalAws.REGION.id());
        event.putArray("resources").add(LocalAws.ruleArn(ruleName));
        event.putObject("detail");
        return event;
    }
}
