package com.tradebot.local.messaging.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * An attribute-based SNS filter policy. SNS filter policies share their syntax (exact values, prefix, suffix,
 * anything-but, numeric ranges, exists, equals-ignore-case, $or) with EventBridge patterns, so AWS's own
 * event-ruler matches them against the message attributes laid out as a JSON object.
 */
public final class FilterPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "policy";

    private final Machine machine = new Machine();

    private FilterPolicy(String policyJson) {
        try {
            JsonNode policy = JSON.readTree(policyJson);
            if (policy == null || !policy.isObject() || policy.isEmpty()) {
                throw new IllegalArgumentException("Filter policy must be a non-empty JSON object: " + policyJson);
            }
            machine.addRule(RULE, policyJson);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Invalid filter policy " + policyJson + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the policy is not valid JSON or not a valid policy */
    public static FilterPolicy parse(String policyJson) {
        return new FilterPolicy(policyJson);
    }

    public boolean matches(List<SnsMessageAttribute> attributes) {
        return !machine.rulesForJSONEvent(asEvent(attributes)).isEmpty();
    }

    /** Strings stay strings, Numbers become JSON numbers, String.Array its array; SNS never filters on Binary. */
    private static JsonNode asEvent(List<SnsMessageAttribute> attributes) {
        ObjectNode event = JSON.createObjectNode();
        for (SnsMessageAttribute attribute : attributes) {
            switch (attribute.baseType()) {
                case "String" -> event.put(attribute.name(), attribute.stringValue());
                case "Number" -> event.put(attribute.name(), new BigDecimal(attribute.stringValue().trim()));
                case "String.Array" -> event.set(attribute.name(), readArray(attribute.stringValue()));
                default -> { }
            }
        }
        return event;
    }

    private static JsonNode readArray(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("String.Array value was validated on publish", e);
        }
    }
}
