package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One validated state: its raw definition plus the nested graphs of Parallel (branches) and Map (item processor).
 */
public record StateNode(String name, String type, JsonNode definition, List<StateGraph> branches,
                        StateGraph itemProcessor) {

    public boolean has(String field) {
        return definition.has(field);
    }

    public JsonNode get(String field) {
        return definition.get(field);
    }

    /** A field given as JSON null (e.g. "ResultPath": null), which differs from an absent one. */
    public boolean isExplicitNull(String field) {
        return definition.has(field) && definition.get(field).isNull();
    }

    public String text(String field) {
        JsonNode value = definition.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }

    public boolean isEnd() {
        return definition.path("End").asBoolean(false);
    }
}
