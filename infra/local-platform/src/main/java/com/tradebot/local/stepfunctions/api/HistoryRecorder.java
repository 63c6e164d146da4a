package com.tradebot.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.ExecutionListener;
import com.tradebot.local.stepfunctions.ExecutionOptions;
import com.tradebot.local.stepfunctions.asl.Json;
import com.tradebot.local.stepfunctions.asl.TaskResources;
import java.time.Clock;

/** Turns the runner's steps into GetExecutionHistory events with AWS's event types and detail fields. */
final class HistoryRecorder implements ExecutionListener {
    private final ExecutionRecord record;
    private final Clock clock;

    HistoryRecorder(ExecutionRecord record, Clock clock) {
        this.record = record;
        this.clock = clock;
    }

    @Override
    public void stateEntered(String stateName, String stateType, JsonNode input) {
        ObjectNode details = Json.object().put("name", stateName).put("input", Json.write(input));
        details.putObject("inputDetails").put("truncated", false);
        record.addStepEvent(stateType + "StateEntered", "stateEnteredEventDetails", details, clock.instant());
    }

    @Override
    public void stateExited(String stateName, String stateType, JsonNode output) {
        ObjectNode details = Json.object().put("name", stateName).put("output", Json.write(output));
        details.putObject("outputDetails").put("truncated", false);
        record.addStepEvent(stateType + "StateExited", "stateExitedEventDetails", details, clock.instant());
    }

    @Override
    public void taskScheduled(String stateName, String resource, JsonNode parameters) {
        if (isIntegration(resource)) {
            ObjectNode details = integrationDetails().put("region", ExecutionOptions.REGION)
                    .put("parameters", Json.write(parameters));
            record.addStepEvent("TaskScheduled", "taskScheduledEventDetails", details, clock.instant());
            record.addStepEvent("TaskStarted", "taskStartedEventDetails", integrationDetails(), clock.instant());
        } else {
            ObjectNode details = Json.object().put("resource", resource).put("input", Json.write(parameters));
            record.addStepEvent("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details, clock.instant());
            record.addStepEvent("LambdaFunctionStarted", null, null, clock.instant());
        }
    }

    @Override
    public void taskSucceeded(String stateName, String resource, JsonNode output) {
        if (isIntegration(resource)) {
            record.addStepEvent("TaskSucceeded", "taskSucceededEventDetails",
                    integrationDetails().put("output", Json.write(output)), clock.instant());
        } else {
            record.addStepEvent("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails",
                    Json.object().put("output", Json.write(output)), clock.instant());
        }
    }

    @Override
    public void taskFailed(String stateName, String resource, String error, String cause) {
        if (isIntegration(resource)) {
            record.addStepEvent("TaskFailed", "taskFailedEventDetails",
                    integrationDetails().put("error", error).put("cause", cause), clock.instant());
        } else {
            record.addStepEvent("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails",
                    Json.object().put("error", error).put("cause", cause), clock.instant());
        }
    }

    private static boolean isIntegration(String resource) {
        return TaskResources.LAMBDA_INVOKE.equals(resource);
    }

    private static ObjectNode integrationDetails() {
        return Json.object().put("resourceType", "lambda").put("resource", "invoke");
    }
}
