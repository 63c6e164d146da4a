package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.asl.Json;
import com.tradebot.local.stepfunctions.asl.JsonPaths;
import com.tradebot.local.stepfunctions.asl.PayloadTemplate;
import com.tradebot.local.stepfunctions.asl.StateGraph;
import com.tradebot.local.stepfunctions.asl.StateNode;
import com.tradebot.local.stepfunctions.asl.StatesErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The Map state, inline or distributed (both run locally on a bounded pool): items, ItemSelector, ItemBatcher,
 * MaxConcurrency and tolerated failures.
 */
final class MapState {

    /** Runs a nested graph (the item processor) on one input. */
    @FunctionalInterface
    interface GraphRunner {
        JsonNode run(StateGraph graph, JsonNode input) throws StatesException, InterruptedException;
    }

    private MapState() {
    }

    /** Runs the Map state on its effective input; returns the array of iteration results, in item order. */
    static JsonNode run(StateNode state, JsonNode effective, JsonNode context, int unboundedConcurrency,
                        GraphRunner runner) throws StatesException, InterruptedException {
        JsonNode items = mapItems(state, effective, context);
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        List<JsonNode> inputs = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            if (selector == null) {
                inputs.add(item);
            } else {
                ObjectNode itemContext = Json.object(); // shares the (never mutated) context parts: no deep copy per item
                itemContext.setAll((ObjectNode) context);
                itemContext.putObject("Map").putObject("Item").put("Index", index).set("Value", item);
                inputs.add(PayloadTemplate.evaluate(selector, effective, itemContext));
            }
        }
        if (state.has("ItemBatcher")) {
            inputs = batches(state.get("ItemBatcher"), inputs, effective, context);
        }
        int concurrency = integerField(state, "MaxConcurrency", effective, 0);
        int limit = concurrency == 0 ? unboundedConcurrency : concurrency;
        boolean tolerant = state.has("ToleratedFailureCount") || state.has("ToleratedFailureCountPath")
                || state.has("ToleratedFailurePercentage") || state.has("ToleratedFailurePercentagePath");
        StateGraph processor = state.itemProcessor();
        List<Callable<JsonNode>> iterations = new ArrayList<>();
        for (JsonNode input : inputs) {
            iterations.add(() -> runner.run(processor, input));
        }
        List<ConcurrentRuns.Outcome> outcomes = ConcurrentRuns.runAll(iterations, limit, !tolerant, "sfn-map");
        ArrayNode results = Json.MAPPER.createArrayNode();
        int failures = 0;
        StatesException lastFailure = null;
        for (ConcurrentRuns.Outcome outcome : outcomes) {
            if (outcome.failure() == null) {
                results.add(outcome.value());
            } else {
                failures++;
                lastFailure = outcome.failure();
                results.add(Json.object().put("Error", outcome.failure().error()).put("Cause", outcome.failure().cause()));
            }
        }
        if (failures > 0) {
            checkTolerance(state, effective, failures, outcomes.size(), lastFailure);
        }
        return results;
    }

    private static JsonNode mapItems(StateNode state, JsonNode effective, JsonNode context) throws StatesException {
        JsonNode items;
        if (state.has("Items")) {
            JsonNode declared = state.get("Items");
            items = declared.isTextual() ? JsonPaths.select(effective, context, declared.textValue())
                    : PayloadTemplate.evaluate(declared, effective, context);
        } else {
            String path = state.has("ItemsPath") ? state.text("ItemsPath") : "$";
            items = JsonPaths.select(effective, context, path);
        }
        if (!items.isArray()) {
            throw StatesErrors.runtime("Map state '" + state.name() + "': the items must be a JSON array, got "
                    + Json.write(items));
        }
        return items;
    }

    private static List<JsonNode> batches(JsonNode batcher, List<JsonNode> items, JsonNode effective, JsonNode context)
            throws StatesException {
        int maxItems = batcher.has("MaxItemsPerBatch") ? batcher.get("MaxItemsPerBatch").asInt()
                : batcher.has("MaxItemsPerBatchPath")
                ? JsonPaths.select(effective, context, batcher.get("MaxItemsPerBatchPath").asText()).asInt()
                : Integer.MAX_VALUE;
        int maxBytes = batcher.has("MaxInputBytesPerBatch") ? batcher.get("MaxInputBytesPerBatch").asInt()
                : batcher.has("MaxInputBytesPerBatchPath")
                ? JsonPaths.select(effective, context, batcher.get("MaxInputBytesPerBatchPath").asText()).asInt()
                : Interpreter.MAX_PAYLOAD_BYTES;
        if (maxItems <= 0 || maxBytes <= 0) {
            throw StatesErrors.runtime("ItemBatcher limits must be positive");
        }
        JsonNode batchInput = batcher.has("BatchInput")
                ? PayloadTemplate.evaluate(batcher.get("BatchInput"), effective, context) : null;
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = Json.MAPPER.createArrayNode();
        int currentBytes = 0;
        for (JsonNode item : items) {
            int size = Json.utf8Size(item);
            if (!current.isEmpty() && (current.size() >= maxItems || currentBytes + size > maxBytes)) {
                batches.add(batch(current, batchInput));
                current = Json.MAPPER.createArrayNode();
                currentBytes = 0;
            }
            current.add(item);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(batch(current, batchInput));
        }
        return batches;
    }

    private static JsonNode batch(ArrayNode items, JsonNode batchInput) {
        ObjectNode batch = Json.object();
        if (batchInput != null) {
            batch.set("BatchInput", batchInput);
        }
        batch.set("Items", items);
        return batch;
    }

    private static void checkTolerance(StateNode state, JsonNode effective, int failures, int total,
                                       StatesException lastFailure) throws StatesException {
        boolean hasCount = state.has("ToleratedFailureCount") || state.has("ToleratedFailureCountPath");
        boolean hasPercentage = state.has("ToleratedFailurePercentage") || state.has("ToleratedFailurePercentagePath");
        if (!hasCount && !hasPercentage) {
            throw lastFailure;
        }
        boolean exceeded = false;
        if (hasCount) {
            exceeded = failures > integerField(state, "ToleratedFailureCount", effective, 0);
        }
        if (hasPercentage) {
            double percentage = state.has("ToleratedFailurePercentage")
                    ? state.get("ToleratedFailurePercentage").asDouble()
                    : JsonPaths.select(effective, NullNode.instance, state.text("ToleratedFailurePercentagePath")).asDouble();
            exceeded |= failures * 100.0 / total > percentage;
        }
        if (exceeded) {
            throw new StatesException(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The Map state '" + state.name()
                    + "' had " + failures + " failed item(s) of " + total + ", more than tolerated; last error: "
                    + lastFailure.error() + ": " + lastFailure.cause());
        }
    }

    private static int integerField(StateNode state, String field, JsonNode effective, int fallback)
            throws StatesException {
        if (state.has(field)) {
            return state.get(field).asInt();
        }
        if (state.has(field + "Path")) {
            JsonNode value = JsonPaths.select(effective, NullNode.instance, state.text(field + "Path"));
            if (!value.canConvertToExactIntegral() || value.asInt() < 0) {
                throw StatesErrors.runtime(field + "Path must point to a non-negative integer, got " + value);
            }
            return value.asInt();
        }
        return fallback;
    }
}
