package com.tradebot.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.ExecutionOptions;
import com.tradebot.local.stepfunctions.ExecutionResult;
import com.tradebot.local.stepfunctions.ExecutionStatus;
import com.tradebot.local.stepfunctions.StateMachine;
import com.tradebot.local.stepfunctions.TaskInvoker;
import com.tradebot.local.stepfunctions.asl.Json;
import com.tradebot.local.template.StateMachineDef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The Step Functions operations over in-memory state machines and executions. Thread-safe. */
public final class StepFunctionsApi implements AutoCloseable {
    private static final int MAX_INPUT_BYTES = 256 * 1024;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:states:[a-z0-9-]+:\\d{12}:[a-zA-Z]+:.+");
    // AWS forbids whitespace, brackets, wildcards, these specials and control characters in names.
    private static final Pattern INVALID_NAME_CHARACTERS =
            Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    private record Machine(StateMachineDef spec, StateMachine definition, Instant creationDate) {
    }

    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, ExecutionRecord> executions = new LinkedHashMap<>();
    private final TaskInvoker taskInvoker;
    private final ExecutionOptions baseOptions;
    private final ExecutorService runs;
    private final ScheduledExecutorService timeouts;

    /** @throws IllegalArgumentException naming the machine and state when a definition is invalid */
    public StepFunctionsApi(List<StateMachineDef> specs, TaskInvoker taskInvoker, ExecutionOptions baseOptions) {
        this.taskInvoker = taskInvoker;
        this.baseOptions = baseOptions;
        Instant now = baseOptions.clock().instant();
        for (StateMachineDef spec : specs) {
            try {
                machines.put(spec.arn(), new Machine(spec, new StateMachine(spec.definitionJson()), now));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("State machine '" + spec.logicalId() + "': " + e.getMessage(), e);
            }
        }
        AtomicInteger threads = new AtomicInteger();
        this.runs = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sfn-execution-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sfn-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    public List<StateMachine> definitions() {
        return machines.values().stream().map(Machine::definition).toList();
    }

    /** Runs an operation named by the X-Amz-Target suffix. */
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "StartExecution" -> startExecution(request);
            case "StartSyncExecution" -> startSyncExecution(request);
            case "DescribeExecution" -> execution(request).describe();
            case "StopExecution" -> stopExecution(request);
            case "ListExecutions" -> listExecutions(request);
            case "GetExecutionHistory" -> executionHistory(request);
            case "ListStateMachines" -> listStateMachines(request);
            case "DescribeStateMachine" -> describeStateMachine(request);
            case "DescribeStateMachineForExecution" -> describeStateMachine(
                    Json.object().put("stateMachineArn", execution(request).stateMachineArn));
            default -> throw new ApiException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    private JsonNode startExecution(JsonNode request) {
        Machine machine = machine(request);
        String name = executionName(request);
        String input = executionInput(request);
        String arn = executionArn(machine, "execution", name);
        ExecutionRecord record;
        synchronized (executions) {
            ExecutionRecord existing = executions.get(arn);
            if (existing != null) {
                // AWS: same name and input while still running is idempotent; otherwise the name is taken.
                if (existing.status() == ExecutionStatus.RUNNING && existing.input.equals(input)) {
                    return startResponse(existing);
                }
                throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            record = new ExecutionRecord(arn, name, machine.spec().arn(), input, baseOptions.clock().instant());
            executions.put(arn, record);
        }
        record.addEvent("ExecutionStarted", "executionStartedEventDetails",
                Json.object().put("input", input).put("roleArn", baseOptions.roleArn()), record.startDate);
        record.attach(runs.submit(() -> record.finish(run(machine, record), baseOptions.clock().instant())));
        machine.definition().timeoutSeconds().ifPresent(seconds -> timeouts.schedule(
                () -> record.stop(ExecutionStatus.TIMED_OUT, "States.Timeout",
                        "The execution timed out after " + seconds + " seconds", baseOptions.clock().instant()),
                Math.round(seconds * 1000 * baseOptions.timeScale()), TimeUnit.MILLISECONDS));
        return startResponse(record);
    }

    private ExecutionResult run(Machine machine, ExecutionRecord record) {
        ExecutionOptions options = baseOptions
                .withExecution(machine.spec().arn(), machine.spec().name(), record.arn, record.name)
                .withListener(new HistoryRecorder(record, baseOptions.clock()))
                .withStopRequested(() -> record.status() != ExecutionStatus.RUNNING);
        return machine.definition().execute(record.input, taskInvoker, options);
    }

    private static JsonNode startResponse(ExecutionRecord record) {
        ObjectNode response = Json.object().put("executionArn", record.arn);
        response.set("startDate", ApiJson.epochSeconds(record.startDate));
        return response;
    }

    /** Synchronous run (EXPRESS style): not kept for DescribeExecution, as on AWS. */
    private JsonNode startSyncExecution(JsonNode request) {
        Machine machine = machine(request);
        String name = executionName(request);
        String input = executionInput(request);
        String arn = executionArn(machine, "express", name) + ":" + UUID.randomUUID();
        ExecutionRecord record = new ExecutionRecord(arn, name, machine.spec().arn(), input,
                baseOptions.clock().instant());
        Future<?> future = runs.submit(() ->
                record.finish(run(machine, record), baseOptions.clock().instant()));
        record.attach(future);
        try {
            long timeoutSeconds = machine.definition().timeoutSeconds().orElse(300);
            future.get(Math.round(timeoutSeconds * 1000 * baseOptions.timeScale()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            record.stop(ExecutionStatus.TIMED_OUT, "States.Timeout", "The execution timed out",
                    baseOptions.clock().instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.stop(ExecutionStatus.ABORTED, null, "The server is shutting down", baseOptions.clock().instant());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return record.describe();
    }

    private JsonNode stopExecution(JsonNode request) {
        ExecutionRecord record = execution(request);
        record.stop(ExecutionStatus.ABORTED, text(request, "error"), text(request, "cause"),
                baseOptions.clock().instant());
        ObjectNode response = Json.object();
        response.set("stopDate", ApiJson.epochSeconds(baseOptions.clock().instant()));
        return response;
    }

    private JsonNode listExecutions(JsonNode request) {
        Machine machine = machine(request);
        String statusFilter = text(request, "statusFilter");
        if (statusFilter != null) {
            try {
                ExecutionStatus.valueOf(statusFilter);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("Invalid statusFilter '" + statusFilter + "'");
            }
        }
        List<ObjectNode> matching = new ArrayList<>();
        synchronized (executions) {
            for (ExecutionRecord record : executions.values()) {
                if (record.stateMachineArn.equals(machine.spec().arn())
                        && (statusFilter == null || record.status().name().equals(statusFilter))) {
                    matching.add(0, record.summary()); // newest first
                }
            }
        }
        return page(request, matching, "executions");
    }

    private JsonNode executionHistory(JsonNode request) {
        List<ObjectNode> events = new ArrayList<>(execution(request).history());
        if (request.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        return page(request, events, "events");
    }

    private JsonNode listStateMachines(JsonNode request) {
        List<ObjectNode> summaries = new ArrayList<>();
        for (Machine machine : machines.values()) {
            ObjectNode summary = Json.object()
                    .put("stateMachineArn", machine.spec().arn())
                    .put("name", machine.spec().name())
                    .put("type", "STANDARD");
            summary.set("creationDate", ApiJson.epochSeconds(machine.creationDate()));
            summaries.add(summary);
        }
        return page(request, summaries, "stateMachines");
    }

    private JsonNode describeStateMachine(JsonNode request) {
        Machine machine = machine(request);
        ObjectNode response = Json.object()
                .put("stateMachineArn", machine.spec().arn())
                .put("name", machine.spec().name())
                .put("status", "ACTIVE")
                .put("definition", machine.spec().definitionJson())
                .put("roleArn", baseOptions.roleArn())
                .put("type", "STANDARD");
        response.set("creationDate", ApiJson.epochSeconds(machine.creationDate()));
        return response;
    }

    /** Pages with an opaque nextToken (the offset). */
    private static JsonNode page(JsonNode request, List<ObjectNode> items, String field) {
        int size = request.path("maxResults").asInt(0);
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw ApiException.validation("maxResults must be between 0 and " + MAX_PAGE_SIZE);
        }
        size = size == 0 ? DEFAULT_PAGE_SIZE : size;
        int offset = 0;
        String token = text(request, "nextToken");
        if (token != null) {
            try {
                offset = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new ApiException("InvalidToken", "Invalid nextToken");
            }
        }
        ObjectNode response = Json.object();
        ArrayNode array = response.putArray(field);
        items.stream().skip(offset).limit(size).forEach(array::add);
        if (offset + size < items.size()) {
            response.put("nextToken", String.valueOf(offset + size));
        }
        return response;
    }

    private Machine machine(JsonNode request) {
        String arn = requiredArn(request, "stateMachineArn");
        Machine machine = machines.get(arn);
        if (machine == null) {
            throw new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    private ExecutionRecord execution(JsonNode request) {
        String arn = requiredArn(request, "executionArn");
        ExecutionRecord record;
        synchronized (executions) {
            record = executions.get(arn);
        }
        if (record == null) {
            throw new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return record;
    }

    private static String requiredArn(JsonNode request, String field) {
        String arn = text(request, field);
        if (arn == null) {
            throw ApiException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!ARN.matcher(arn).matches()) {
            throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    private static String executionName(JsonNode request) {
        String name = text(request, "name");
        if (name == null) {
            return UUID.randomUUID().toString();
        }
        if (name.isEmpty() || name.length() > 80 || INVALID_NAME_CHARACTERS.matcher(name).find()) {
            throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
    }

    private static String executionInput(JsonNode request) {
        String input = text(request, "input");
        if (input == null) {
            return "{}";
        }
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw new ApiException("InvalidExecutionInput", "Execution input exceeds 262144 bytes");
        }
        try {
            Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getMessage() + "'");
        }
        return input;
    }

    private static String executionArn(Machine machine, String kind, String name) {
        String machineArn = machine.spec().arn();
        int marker = machineArn.indexOf(":stateMachine:");
        String prefix = marker > 0 ? machineArn.substring(0, marker)
                : "arn:aws:states:" + ExecutionOptions.REGION + ":" + ExecutionOptions.ACCOUNT;
        return prefix + ":" + kind + ":" + machine.spec().name() + ":" + name;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Aborts running executions and stops the pools. */
    @Override
    public void close() {
        List<ExecutionRecord> all;
        synchronized (executions) {
            all = new ArrayList<>(executions.values());
        }
        for (ExecutionRecord record : all) {
            record.stop(ExecutionStatus.ABORTED, null, "The local Step Functions endpoint was closed",
                    baseOptions.clock().instant());
        }
        runs.shutdownNow();
        timeouts.shutdownNow();
    }
}
