package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives the steps of a run (the API endpoint turns them into the execution history). Called from many threads. */
public interface ExecutionListener {
    ExecutionListener NONE = new ExecutionListener() {
    };

    default void stateEntered(String stateName, String stateType, JsonNode input) {
    }

    default void stateExited(String stateName, String stateType, JsonNode output) {
    }

    default void taskScheduled(String stateName, String resource, JsonNode parameters) {
    }

    default void taskSucceeded(String stateName, String resource, JsonNode output) {
    }

    default void taskFailed(String stateName, String resource, String error, String cause) {
    }
}
