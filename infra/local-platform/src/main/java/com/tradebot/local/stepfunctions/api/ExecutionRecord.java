package com.tradebot.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.ExecutionResult;
import com.tradebot.local.stepfunctions.ExecutionStatus;
import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/** One execution kept in memory: its status, result and history. Status changes only once, from RUNNING. */
final class ExecutionRecord {
    final String arn;
    final String name;
    final String stateMachineArn;
    final String input;
    final Instant startDate;
    private final List<ObjectNode> history = new ArrayList<>();
    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private String output;
    private String error;
    private String cause;
    private Instant stopDate;
    private Future<?> run;

    ExecutionRecord(String arn, String name, String stateMachineArn, String input, Instant startDate) {
        this.arn = arn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.startDate = startDate;
    }

    synchronized void attach(Future<?> future) {
        this.run = future;
        if (status != ExecutionStatus.RUNNING) {
            future.cancel(true);
        }
    }

    /** Records the runner's result, unless the execution was already stopped or timed out. */
    synchronized void finish(ExecutionResult result, Instant now) {
        if (status != ExecutionStatus.RUNNING) {
            return;
        }
        status = result.status();
        output = result.output() == null ? null : Json.write(result.output());
        error = result.error();
        cause = result.cause();
        stopDate = now;
        ObjectNode details = Json.object();
        switch (status) {
            case SUCCEEDED -> {
                details.put("output", output);
                addEvent("ExecutionSucceeded", "executionSucceededEventDetails", details, now);
            }
            case FAILED -> {
                putErrorAndCause(details);
                addEvent("ExecutionFailed", "executionFailedEventDetails", details, now);
            }
            default -> addEvent("ExecutionAborted", "executionAbortedEventDetails", details, now);
        }
    }

    /** StopExecution (ABORTED) or the machine timeout (TIMED_OUT): true when it was still running. */
    synchronized boolean stop(ExecutionStatus finalStatus, String stopError, String stopCause, Instant now) {
        if (status != ExecutionStatus.RUNNING) {
            return false;
        }
        status = finalStatus;
        error = stopError;
        cause = stopCause;
        stopDate = now;
        ObjectNode details = Json.object();
        putErrorAndCause(details);
        if (finalStatus == ExecutionStatus.TIMED_OUT) {
            addEvent("ExecutionTimedOut", "executionTimedOutEventDetails", details, now);
        } else {
            addEvent("ExecutionAborted", "executionAbortedEventDetails", details, now);
        }
        if (run != null) {
            run.cancel(true);
        }
        return true;
    }

    private void putErrorAndCause(ObjectNode details) {
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
    }

    /** A step of the run; ignored once the execution has ended (iterations still unwinding after a stop). */
    synchronized void addStepEvent(String type, String detailsField, JsonNode details, Instant now) {
        if (status == ExecutionStatus.RUNNING) {
            addEvent(type, detailsField, details, now);
        }
    }

    synchronized void addEvent(String type, String detailsField, JsonNode details, Instant now) {
        ObjectNode event = Json.object();
        event.set("timestamp", ApiJson.epochSeconds(now));
        event.put("type", type);
        event.put("id", history.size() + 1);
        event.put("previousEventId", history.size());
        if (detailsField != null) {
            event.set(detailsField, details);
        }
        history.add(event);
    }

    synchronized List<ObjectNode> history() {
        return List.copyOf(history);
    }

    synchronized ExecutionStatus status() {
        return status;
    }

    synchronized ObjectNode describe() {
        ObjectNode node = summary();
        node.put("input", input);
        node.putObject("inputDetails").put("included", true);
        if (output != null) {
            node.put("output", output);
            node.putObject("outputDetails").put("included", true);
        }
        if (error != null) {
            node.put("error", error);
        }
        if (cause != null) {
            node.put("cause", cause);
        }
        return node;
    }

    synchronized ObjectNode summary() {
        ObjectNode node = Json.object()
                .put("executionArn", arn)
                .put("stateMachineArn", stateMachineArn)
                .put("name", name)
                .put("status", status.name());
        node.set("startDate", ApiJson.epochSeconds(startDate));
        if (stopDate != null) {
            node.set("stopDate", ApiJson.epochSeconds(stopDate));
        }
        return node;
    }
}
