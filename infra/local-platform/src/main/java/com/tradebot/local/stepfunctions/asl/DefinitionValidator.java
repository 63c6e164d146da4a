package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an ASL definition at load time and builds its {@link StateGraph}. Every problem is an
 * IllegalArgumentException whose message names the state (and field) at fault.
 */
public final class DefinitionValidator {
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> FLOW = Set.of("Next", "End");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath");
    private static final Set<String> RESULT = Set.of("Parameters", "ResultSelector", "ResultPath");
    private static final Set<String> ERRORS = Set.of("Retry", "Catch");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", union(FLOW, IO, Set.of("Parameters", "ResultPath", "Result")),
            "Task", union(FLOW, IO, RESULT, ERRORS, Set.of("Resource", "TimeoutSeconds", "TimeoutSecondsPath",
                    "HeartbeatSeconds", "HeartbeatSecondsPath")),
            "Choice", union(IO, Set.of("Choices", "Default")),
            "Wait", union(FLOW, IO, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")),
            "Succeed", IO,
            "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel", union(FLOW, IO, RESULT, ERRORS, Set.of("Branches")),
            "Map", union(FLOW, IO, RESULT, ERRORS, Set.of("ItemsPath", "Items", "ItemSelector", "ItemProcessor",
                    "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "ItemBatcher", "ToleratedFailurePercentage",
                    "ToleratedFailureCount", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "Label")));
    private static final Set<String> TOP_LEVEL = Set.of("StartAt", "States", "Comment", "TimeoutSeconds", "Version",
            "QueryLanguage");
    private static final Set<String> PROCESSOR = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private DefinitionValidator() {
    }

    public static StateGraph validateMachine(JsonNode definition) {
        if (!definition.isObject()) {
            throw new IllegalArgumentException("The state machine definition must be a JSON object");
        }
        checkFields(definition, TOP_LEVEL, "State machine");
        checkQueryLanguage(definition, "State machine");
        if (definition.has("TimeoutSeconds") && !isPositiveInt(definition.get("TimeoutSeconds"))) {
            throw new IllegalArgumentException("State machine: TimeoutSeconds must be a positive integer");
        }
        return graph(definition, "State machine");
    }

    private static StateGraph graph(JsonNode node, String where) {
        JsonNode states = node.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw new IllegalArgumentException(where + ": States must be a non-empty object");
        }
        String startAt = node.path("StartAt").textValue();
        if (startAt == null) {
            throw new IllegalArgumentException(where + ": StartAt is missing");
        }
        if (!states.has(startAt)) {
            throw new IllegalArgumentException(where + ": StartAt '" + startAt + "' is not a state");
        }
        Map<String, StateNode> nodes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            nodes.put(entry.getKey(), state(entry.getKey(), entry.getValue(), states.size()));
        }
        for (StateNode state : nodes.values()) {
            for (String target : transitions(state)) {
                if (!nodes.containsKey(target)) {
                    throw new IllegalArgumentException("State '" + state.name() + "': transition to '" + target
                            + "', which is not a state of " + where);
                }
            }
        }
        return new StateGraph(startAt, Map.copyOf(nodes));
    }

    private static StateNode state(String name, JsonNode definition, int graphSize) {
        String where = "State '" + name + "'";
        if (name.length() > 80) {
            throw new IllegalArgumentException(where + ": names are at most 80 characters");
        }
        if (!definition.isObject() || !definition.path("Type").isTextual()) {
            throw new IllegalArgumentException(where + ": a state must be an object with a Type");
        }
        String type = definition.get("Type").textValue();
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException(where + ": unknown Type '" + type + "'");
        }
        checkFields(definition, union(COMMON, allowed), where);
        checkQueryLanguage(definition, where);
        if (allowed.contains("End")) {
            boolean hasNext = definition.path("Next").isTextual();
            boolean end = definition.path("End").asBoolean(false);
            if (hasNext == end) {
                throw new IllegalArgumentException(where + ": needs exactly one of Next or \"End\": true");
            }
        }
        for (String pathField : List.of("InputPath", "OutputPath", "ItemsPath")) {
            JsonNode path = definition.get(pathField);
            if (path != null && !path.isNull()) {
                JsonPaths.validate(path.textValue(), where + " " + pathField);
            }
        }
        JsonNode resultPath = definition.get("ResultPath");
        if (resultPath != null && !resultPath.isNull()) {
            JsonPaths.validateReferencePath(resultPath.textValue(), where + " ResultPath");
        }
        for (String templateField : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (definition.has(templateField)) {
                PayloadTemplate.validate(definition.get(templateField), where + " " + templateField);
            }
        }
        List<StateGraph> branches = List.of();
        StateGraph processor = null;
        switch (type) {
            case "Task" -> validateTask(definition, where);
            case "Choice" -> validateChoice(definition, where);
            case "Wait" -> validateWait(definition, where);
            case "Fail" -> validateFail(definition, where);
            case "Parallel" -> branches = validateParallel(definition, where);
            case "Map" -> processor = validateMap(definition, where);
            default -> {
            }
        }
        validateRetryCatch(definition, where);
        return new StateNode(name, type, definition, branches, processor);
    }

    private static void validateTask(JsonNode definition, String where) {
        TaskResources.validate(definition.path("Resource").textValue(), where);
        if (TaskResources.LAMBDA_INVOKE.equals(definition.get("Resource").textValue())) {
            JsonNode parameters = definition.path("Parameters");
            if (!parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
                throw new IllegalArgumentException(where + ": " + TaskResources.LAMBDA_INVOKE
                        + " needs Parameters.FunctionName");
            }
        }
        for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
            if (definition.has(field) && !isPositiveInt(definition.get(field))) {
                throw new IllegalArgumentException(where + ": " + field + " must be a positive integer");
            }
            if (definition.has(field) && definition.has(field + "Path")) {
                throw new IllegalArgumentException(where + ": use either " + field + " or " + field + "Path");
            }
            if (definition.has(field + "Path")) {
                JsonPaths.validate(definition.get(field + "Path").textValue(), where + " " + field + "Path");
            }
        }
        if (definition.has("HeartbeatSeconds") && definition.has("TimeoutSeconds")
                && definition.get("HeartbeatSeconds").asLong() >= definition.get("TimeoutSeconds").asLong()) {
            throw new IllegalArgumentException(where + ": HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
    }

    private static void validateChoice(JsonNode definition, String where) {
        JsonNode choices = definition.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new IllegalArgumentException(where + ": Choices must be a non-empty array");
        }
        for (int i = 0; i < choices.size(); i++) {
            ChoiceRules.validate(choices.get(i), true, where + " Choices[" + i + "]");
        }
    }

    private static void validateWait(JsonNode definition, String where) {
        List<String> given = new ArrayList<>();
        for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (definition.has(field)) {
                given.add(field);
            }
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException(where
                    + ": a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; found " + given);
        }
        String field = given.get(0);
        JsonNode value = definition.get(field);
        boolean valid = switch (field) {
            case "Seconds" -> value.isIntegralNumber() && value.asLong() >= 0;
            case "Timestamp" -> ChoiceRules.timestamp(value).isPresent();
            default -> value.isTextual();
        };
        if (!valid) {
            throw new IllegalArgumentException(where + ": invalid " + field + " " + value);
        }
        if (field.endsWith("Path")) {
            JsonPaths.validate(value.textValue(), where + " " + field);
        }
    }

    private static void validateFail(JsonNode definition, String where) {
        for (String field : List.of("Error", "Cause")) {
            if (definition.has(field) && !definition.get(field).isTextual()) {
                throw new IllegalArgumentException(where + ": " + field + " must be a string");
            }
            if (definition.has(field) && definition.has(field + "Path")) {
                throw new IllegalArgumentException(where + ": use either " + field + " or " + field + "Path");
            }
            if (definition.has(field + "Path")) {
                PayloadTemplate.validateExpression(definition.get(field + "Path").textValue(), where + " " + field + "Path");
            }
        }
    }

    private static List<StateGraph> validateParallel(JsonNode definition, String where) {
        JsonNode branches = definition.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            throw new IllegalArgumentException(where + ": Branches must be a non-empty array");
        }
        List<StateGraph> graphs = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            String branchWhere = where + " Branches[" + i + "]";
            checkFields(branches.get(i), PROCESSOR, branchWhere);
            graphs.add(graph(branches.get(i), branchWhere));
        }
        return List.copyOf(graphs);
    }

    private static StateGraph validateMap(JsonNode definition, String where) {
        if (definition.has("ItemProcessor") == definition.has("Iterator")) {
            throw new IllegalArgumentException(where + ": a Map needs exactly one of ItemProcessor or Iterator");
        }
        if (definition.has("ItemSelector") && definition.has("Parameters")) {
            throw new IllegalArgumentException(where + ": use either ItemSelector or Parameters");
        }
        if (definition.has("Items") && definition.has("ItemsPath")) {
            throw new IllegalArgumentException(where + ": use either Items or ItemsPath");
        }
        JsonNode items = definition.get("Items");
        if (items != null) {
            if (items.isTextual()) {
                JsonPaths.validate(items.textValue(), where + " Items");
            } else if (items.isArray()) {
                PayloadTemplate.validate(items, where + " Items");
            } else {
                throw new IllegalArgumentException(where + ": Items must be an array or a JSONPath");
            }
        }
        JsonNode processor = definition.has("ItemProcessor") ? definition.get("ItemProcessor") : definition.get("Iterator");
        String processorWhere = where + (definition.has("ItemProcessor") ? " ItemProcessor" : " Iterator");
        checkFields(processor, PROCESSOR, processorWhere);
        JsonNode mode = processor.path("ProcessorConfig").path("Mode");
        if (!mode.isMissingNode() && !"INLINE".equals(mode.asText()) && !"DISTRIBUTED".equals(mode.asText())) {
            throw new IllegalArgumentException(processorWhere + ": ProcessorConfig.Mode must be INLINE or DISTRIBUTED");
        }
        if (definition.has("MaxConcurrency") && !(definition.get("MaxConcurrency").isIntegralNumber()
                && definition.get("MaxConcurrency").asInt() >= 0)) {
            throw new IllegalArgumentException(where + ": MaxConcurrency must be an integer >= 0");
        }
        if (definition.has("ToleratedFailurePercentage")) {
            double percentage = definition.get("ToleratedFailurePercentage").asDouble(-1);
            if (!definition.get("ToleratedFailurePercentage").isNumber() || percentage < 0 || percentage > 100) {
                throw new IllegalArgumentException(where + ": ToleratedFailurePercentage must be a number in 0..100");
            }
        }
        if (definition.has("ToleratedFailureCount") && !(definition.get("ToleratedFailureCount").isIntegralNumber()
                && definition.get("ToleratedFailureCount").asInt() >= 0)) {
            throw new IllegalArgumentException(where + ": ToleratedFailureCount must be an integer >= 0");
        }
        for (String pathField : List.of("MaxConcurrencyPath", "ToleratedFailurePercentagePath",
                "ToleratedFailureCountPath")) {
            if (definition.has(pathField)) {
                JsonPaths.validate(definition.get(pathField).textValue(), where + " " + pathField);
            }
        }
        JsonNode batcher = definition.get("ItemBatcher");
        if (batcher != null) {
            checkFields(batcher, Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput",
                    "MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"), where + " ItemBatcher");
            if (!batcher.has("MaxItemsPerBatch") && !batcher.has("MaxInputBytesPerBatch")
                    && !batcher.has("MaxItemsPerBatchPath") && !batcher.has("MaxInputBytesPerBatchPath")) {
                throw new IllegalArgumentException(where
                        + " ItemBatcher: needs MaxItemsPerBatch or MaxInputBytesPerBatch");
            }
            if (batcher.has("BatchInput")) {
                PayloadTemplate.validate(batcher.get("BatchInput"), where + " ItemBatcher.BatchInput");
            }
        }
        return graph(processor, processorWhere);
    }

    private static void validateRetryCatch(JsonNode definition, String where) {
        for (String field : List.of("Retry", "Catch")) {
            JsonNode rules = definition.get(field);
            if (rules == null) {
                continue;
            }
            if (!rules.isArray()) {
                throw new IllegalArgumentException(where + ": " + field + " must be an array");
            }
            for (int i = 0; i < rules.size(); i++) {
                String ruleWhere = where + " " + field + "[" + i + "]";
                JsonNode rule = rules.get(i);
                checkFields(rule, field.equals("Retry")
                        ? Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                        "JitterStrategy", "Comment")
                        : Set.of("ErrorEquals", "Next", "ResultPath", "Comment"), ruleWhere);
                JsonNode errors = rule.get("ErrorEquals");
                if (errors == null || !errors.isArray() || errors.isEmpty()) {
                    throw new IllegalArgumentException(ruleWhere + ": ErrorEquals must be a non-empty array");
                }
                for (JsonNode error : errors) {
                    if (StatesErrors.ALL.equals(error.asText()) && (errors.size() > 1 || i != rules.size() - 1)) {
                        throw new IllegalArgumentException(ruleWhere
                                + ": States.ALL must be alone in ErrorEquals and in the last " + field + " rule");
                    }
                }
                if (field.equals("Retry")) {
                    validateRetrier(rule, ruleWhere);
                } else {
                    if (!rule.path("Next").isTextual()) {
                        throw new IllegalArgumentException(ruleWhere + ": a Catch needs Next");
                    }
                    if (rule.has("ResultPath") && !rule.get("ResultPath").isNull()) {
                        JsonPaths.validateReferencePath(rule.get("ResultPath").textValue(), ruleWhere + " ResultPath");
                    }
                }
            }
        }
    }

    private static void validateRetrier(JsonNode rule, String where) {
        if (rule.has("IntervalSeconds") && !isPositiveInt(rule.get("IntervalSeconds"))) {
            throw new IllegalArgumentException(where + ": IntervalSeconds must be a positive integer");
        }
        if (rule.has("MaxAttempts") && !(rule.get("MaxAttempts").isIntegralNumber() && rule.get("MaxAttempts").asInt() >= 0)) {
            throw new IllegalArgumentException(where + ": MaxAttempts must be an integer >= 0");
        }
        if (rule.has("BackoffRate") && !(rule.get("BackoffRate").isNumber() && rule.get("BackoffRate").asDouble() >= 1.0)) {
            throw new IllegalArgumentException(where + ": BackoffRate must be a number >= 1.0");
        }
        if (rule.has("MaxDelaySeconds") && !isPositiveInt(rule.get("MaxDelaySeconds"))) {
            throw new IllegalArgumentException(where + ": MaxDelaySeconds must be a positive integer");
        }
        String jitter = rule.path("JitterStrategy").asText("NONE");
        if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
            throw new IllegalArgumentException(where + ": JitterStrategy must be FULL or NONE");
        }
    }

    private static List<String> transitions(StateNode state) {
        List<String> targets = new ArrayList<>();
        if (state.definition().path("Next").isTextual()) {
            targets.add(state.text("Next"));
        }
        if (state.definition().path("Default").isTextual()) {
            targets.add(state.text("Default"));
        }
        for (JsonNode rule : state.definition().path("Choices")) {
            targets.add(rule.path("Next").asText());
        }
        for (JsonNode catcher : state.definition().path("Catch")) {
            targets.add(catcher.path("Next").asText());
        }
        return targets;
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown or unsupported field '" + field + "'");
            }
        }
    }

    private static void checkQueryLanguage(JsonNode node, String where) {
        if (node.has("QueryLanguage") && !"JSONPath".equals(node.get("QueryLanguage").asText())) {
            throw new IllegalArgumentException(where + ": only QueryLanguage JSONPath is supported locally");
        }
    }

    private static boolean isPositiveInt(JsonNode value) {
        return value.isIntegralNumber() && value.asLong() > 0;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
