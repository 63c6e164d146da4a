package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** How a run of a state machine ended: output when SUCCEEDED, error and cause otherwise. */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause) {

    public static ExecutionResult succeeded(JsonNode output) {
        return new ExecutionResult(ExecutionStatus.SUCCEEDED, output, null, null);
    }

    public static ExecutionResult failed(String error, String cause) {
        return new ExecutionResult(ExecutionStatus.FAILED, null, error, cause);
    }

    public static ExecutionResult aborted() {
        return new ExecutionResult(ExecutionStatus.ABORTED, null, null, null);
    }
}
