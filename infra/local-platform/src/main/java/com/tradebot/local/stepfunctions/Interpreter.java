package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.asl.ChoiceRules;
import com.tradebot.local.stepfunctions.asl.Json;
import com.tradebot.local.stepfunctions.asl.JsonPaths;
import com.tradebot.local.stepfunctions.asl.PayloadTemplate;
import com.tradebot.local.stepfunctions.asl.StateGraph;
import com.tradebot.local.stepfunctions.asl.StateNode;
import com.tradebot.local.stepfunctions.asl.StatesErrors;
import com.tradebot.local.stepfunctions.asl.TaskResources;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the states of one execution: transitions, input/output processing, Retry/Catch, Task, Map and Parallel. */
final class Interpreter {
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ExecutorService TIMED_TASKS = Executors.newCachedThreadPool(
            ConcurrentRuns.daemonThreads("sfn-task"));

    private final TaskInvoker invoker;
    private final ExecutionOptions options;
    private final ObjectNode executionContext;
    private final ObjectNode machineContext;

    Interpreter(TaskInvoker invoker, ExecutionOptions options, JsonNode input, Instant startTime) {
        this.invoker = invoker;
        this.options = options;
        this.executionContext = Json.object()
                .put("Id", options.executionArn())
                .put("Name", options.executionName())
                .put("RoleArn", options.roleArn())
                .put("StartTime", timestamp(startTime))
                .put("RedriveCount", 0);
        executionContext.set("Input", input);
        this.machineContext = Json.object().put("Id", options.stateMachineArn()).put("Name", options.stateMachineName());
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    JsonNode run(StateGraph graph, JsonNode input) throws StatesException, InterruptedException {
        StateNode state = graph.state(graph.startAt());
        JsonNode data = input;
        while (true) {
            checkNotStopped();
            options.listener().stateEntered(state.name(), state.type(), data);
            Transition transition = runState(state, data, options.clock().instant());
            if (Json.utf8Size(transition.output()) > MAX_PAYLOAD_BYTES) {
                throw new StatesException(StatesErrors.DATA_LIMIT_EXCEEDED, "The state/task '" + state.name()
                        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            }
            options.listener().stateExited(state.name(), state.type(), transition.output());
            if (transition.next() == null) {
                return transition.output();
            }
            state = graph.state(transition.next());
            data = transition.output();
        }
    }

    private void checkNotStopped() throws InterruptedException {
        if (Thread.interrupted() || options.stopRequested().getAsBoolean()) {
            throw new InterruptedException("execution stopped");
        }
    }

    private record Transition(JsonNode output, String next) {
    }

    @FunctionalInterface
    private interface StateBody {
        JsonNode run(JsonNode context) throws StatesException, InterruptedException;
    }

    private Transition runState(StateNode state, JsonNode raw, Instant entered)
            throws StatesException, InterruptedException {
        JsonNode context = context(state.name(), entered, 0);
        return switch (state.type()) {
            case "Pass" -> new Transition(pass(state, raw, context), next(state));
            case "Task" -> withRetryAndCatch(state, raw, entered, ctx -> {
                JsonNode effective = inputPath(state, raw);
                JsonNode parameters = state.has("Parameters")
                        ? PayloadTemplate.evaluate(state.get("Parameters"), effective, ctx) : effective;
                return finish(state, raw, task(state, parameters, effective), ctx);
            });
            case "Map" -> withRetryAndCatch(state, raw, entered, ctx -> finish(state, raw,
                    MapState.run(state, inputPath(state, raw), ctx, options.unboundedMapConcurrency(), this::run), ctx));
            case "Parallel" -> withRetryAndCatch(state, raw, entered, ctx -> {
                JsonNode effective = inputPath(state, raw);
                JsonNode parameters = state.has("Parameters")
                        ? PayloadTemplate.evaluate(state.get("Parameters"), effective, ctx) : effective;
                return finish(state, raw, parallel(state, parameters), ctx);
            });
            case "Choice" -> choice(state, raw, context);
            case "Wait" -> {
                JsonNode effective = inputPath(state, raw);
                options.sleeper().sleep(waitDuration(state, effective));
                yield new Transition(outputPath(state, effective), next(state));
            }
            case "Succeed" -> new Transition(outputPath(state, inputPath(state, raw)), null);
            case "Fail" -> throw fail(state, raw, context);
            default -> throw new IllegalStateException("validated state of unknown type " + state.type());
        };
    }

    private JsonNode pass(StateNode state, JsonNode raw, JsonNode context) throws StatesException {
        JsonNode effective = inputPath(state, raw);
        JsonNode result;
        if (state.has("Result")) {
            result = state.get("Result");
        } else if (state.has("Parameters")) {
            result = PayloadTemplate.evaluate(state.get("Parameters"), effective, context);
        } else {
            result = effective;
        }
        return outputPath(state, resultPath(state, raw, result));
    }

    /** ResultSelector → ResultPath → OutputPath, in AWS's order. */
    private JsonNode finish(StateNode state, JsonNode raw, JsonNode result, JsonNode context) throws StatesException {
        JsonNode selected = state.has("ResultSelector")
                ? PayloadTemplate.evaluate(state.get("ResultSelector"), result, context) : result;
        return outputPath(state, resultPath(state, raw, selected));
    }

    private static String next(StateNode state) {
        return state.isEnd() ? null : state.text("Next");
    }

    private static JsonNode inputPath(StateNode state, JsonNode raw) throws StatesException {
        if (state.isExplicitNull("InputPath")) {
            return Json.object();
        }
        String path = state.text("InputPath");
        return path == null ? raw : JsonPaths.find(raw, path).orElseThrow(() -> StatesErrors.runtime(
                "Invalid path '" + path + "' : No results for path: " + path + " in the input of state '"
                        + state.name() + "'"));
    }

    private static JsonNode outputPath(StateNode state, JsonNode output) throws StatesException {
        if (state.isExplicitNull("OutputPath")) {
            return Json.object();
        }
        String path = state.text("OutputPath");
        return path == null ? output : JsonPaths.find(output, path).orElseThrow(() -> StatesErrors.runtime(
                "Invalid path '" + path + "' : No results for path: " + path + " in the output of state '"
                        + state.name() + "'"));
    }

    private static JsonNode resultPath(StateNode state, JsonNode raw, JsonNode result) throws StatesException {
        if (state.isExplicitNull("ResultPath")) {
            return raw;
        }
        String path = state.text("ResultPath");
        return path == null ? result : JsonPaths.putAtReferencePath(raw, path, result);
    }

    private JsonNode context(String stateName, Instant entered, int retryCount) {
        ObjectNode context = Json.object();
        context.set("Execution", executionContext);
        context.set("StateMachine", machineContext);
        context.putObject("State")
                .put("Name", stateName)
                .put("EnteredTime", timestamp(entered))
                .put("RetryCount", retryCount);
        return context;
    }

    private Transition withRetryAndCatch(StateNode state, JsonNode raw, Instant entered, StateBody body)
            throws StatesException, InterruptedException {
        JsonNode retriers = state.definition().path("Retry");
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                return new Transition(body.run(context(state.name(), entered, retryCount)), next(state));
            } catch (StatesException failure) {
                checkNotStopped();
                int retrierIndex = firstMatching(retriers, failure.error());
                if (retrierIndex >= 0) {
                    JsonNode retrier = retriers.get(retrierIndex);
                    if (attempts[retrierIndex] < retrier.path("MaxAttempts").asInt(3)) {
                        Duration delay = retryDelay(retrier, attempts[retrierIndex]);
                        attempts[retrierIndex]++;
                        retryCount++;
                        options.sleeper().sleep(delay);
                        continue;
                    }
                }
                JsonNode catchers = state.definition().path("Catch");
                int catcherIndex = firstMatching(catchers, failure.error());
                if (catcherIndex < 0) {
                    throw failure;
                }
                JsonNode catcher = catchers.get(catcherIndex);
                ObjectNode errorOutput = Json.object().put("Error", failure.error()).put("Cause", failure.cause());
                JsonNode output;
                if (catcher.has("ResultPath") && catcher.get("ResultPath").isNull()) {
                    output = raw;
                } else {
                    output = JsonPaths.putAtReferencePath(raw, catcher.path("ResultPath").asText("$"), errorOutput);
                }
                return new Transition(output, catcher.get("Next").textValue());
            }
        }
    }

    private static int firstMatching(JsonNode rules, String error) {
        for (int i = 0; i < rules.size(); i++) {
            List<String> names = new ArrayList<>();
            rules.get(i).get("ErrorEquals").forEach(name -> names.add(name.asText()));
            if (StatesErrors.matches(names, error)) {
                return i;
            }
        }
        return -1;
    }

    /** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, optionally with full jitter. */
    static Duration retryDelay(JsonNode retrier, int attempt) {
        double seconds = retrier.path("IntervalSeconds").asDouble(1) * Math.pow(retrier.path("BackoffRate").asDouble(2.0),
                attempt);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE"))) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private Transition choice(StateNode state, JsonNode raw, JsonNode context) throws StatesException {
        JsonNode effective = inputPath(state, raw);
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, effective, context)) {
                return new Transition(outputPath(state, effective), rule.get("Next").textValue());
            }
        }
        if (state.has("Default")) {
            return new Transition(outputPath(state, effective), state.text("Default"));
        }
        throw new StatesException(StatesErrors.NO_CHOICE_MATCHED,
                "No Matches! (state '" + state.name() + "', input " + Json.write(effective) + ")");
    }

    private Duration waitDuration(StateNode state, JsonNode effective) throws StatesException {
        if (state.has("Seconds")) {
            return Duration.ofSeconds(state.get("Seconds").asLong());
        }
        if (state.has("SecondsPath")) {
            JsonNode seconds = JsonPaths.select(effective, NullNode.instance, state.text("SecondsPath"));
            if (!seconds.canConvertToExactIntegral() || seconds.asLong() < 0) {
                throw StatesErrors.runtime("SecondsPath '" + state.text("SecondsPath")
                        + "' must point to a non-negative integer, got " + seconds);
            }
            return Duration.ofSeconds(seconds.asLong());
        }
        JsonNode timestamp = state.has("Timestamp") ? state.get("Timestamp")
                : JsonPaths.select(effective, NullNode.instance, state.text("TimestampPath"));
        Instant until;
        try {
            until = OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw StatesErrors.runtime("TimestampPath '" + state.text("TimestampPath")
                    + "' must point to an ISO-8601 timestamp, got " + timestamp);
        }
        Duration remaining = Duration.between(options.clock().instant(), until);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private StatesException fail(StateNode state, JsonNode raw, JsonNode context) throws StatesException {
        String error = state.has("ErrorPath")
                ? PayloadTemplate.evaluateExpression(state.text("ErrorPath"), "ErrorPath", raw, context).asText()
                : state.text("Error");
        String cause = state.has("CausePath")
                ? PayloadTemplate.evaluateExpression(state.text("CausePath"), "CausePath", raw, context).asText()
                : state.text("Cause");
        return new StatesException(error, cause);
    }

    private JsonNode task(StateNode state, JsonNode parameters, JsonNode effective)
            throws StatesException, InterruptedException {
        String resource = state.text("Resource");
        Callable<JsonNode> call = resource.equals(TaskResources.LAMBDA_INVOKE)
                ? () -> lambdaInvoke(parameters)
                : () -> invoker.invokeFunction(resource, parameters);
        // HeartbeatSeconds is validated but has no effect: request-response Lambda tasks send no heartbeats.
        Long timeoutSeconds = timeoutSeconds(state, effective);
        options.listener().taskScheduled(state.name(), resource, parameters);
        try {
            JsonNode result = timeoutSeconds == null ? callDirectly(call) : callWithTimeout(call, timeoutSeconds);
            options.listener().taskSucceeded(state.name(), resource, result);
            return result;
        } catch (StatesException e) {
            options.listener().taskFailed(state.name(), resource, e.error(), e.cause());
            throw e;
        }
    }

    private static Long timeoutSeconds(StateNode state, JsonNode effective) throws StatesException {
        if (state.has("TimeoutSeconds")) {
            return state.get("TimeoutSeconds").asLong();
        }
        if (state.has("TimeoutSecondsPath")) {
            JsonNode value = JsonPaths.select(effective, NullNode.instance, state.text("TimeoutSecondsPath"));
            if (!value.canConvertToExactIntegral() || value.asLong() <= 0) {
                throw StatesErrors.runtime("TimeoutSecondsPath must point to a positive integer, got " + value);
            }
            return value.asLong();
        }
        return null;
    }

    /** The request-response lambda:invoke integration: Parameters are the Invoke request, the result wraps Payload. */
    private JsonNode lambdaInvoke(JsonNode parameters) throws StatesException, InterruptedException {
        JsonNode functionName = parameters.path("FunctionName");
        if (!functionName.isTextual()) {
            throw StatesErrors.runtime(TaskResources.LAMBDA_INVOKE + " needs a string FunctionName, got "
                    + Json.write(parameters));
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        JsonNode output = invoker.invokeFunction(functionName.textValue(), payload);
        ObjectNode result = Json.object().put("ExecutedVersion", "$LATEST");
        result.set("Payload", output);
        result.put("StatusCode", 200);
        return result;
    }

    private static JsonNode callDirectly(Callable<JsonNode> call) throws StatesException, InterruptedException {
        try {
            return call.call();
        } catch (StatesException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode callWithTimeout(Callable<JsonNode> call, long timeoutSeconds)
            throws StatesException, InterruptedException {
        Future<JsonNode> future = TIMED_TASKS.submit(call);
        long millis = Math.max(1, Math.round(timeoutSeconds * 1000 * options.timeScale()));
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StatesException(StatesErrors.TIMEOUT, "Task timed out after " + timeoutSeconds + " seconds");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw ConcurrentRuns.unwrap(e);
        }
    }

    private JsonNode parallel(StateNode state, JsonNode input) throws StatesException, InterruptedException {
        List<Callable<JsonNode>> branches = new ArrayList<>();
        for (StateGraph branch : state.branches()) {
            branches.add(() -> run(branch, input));
        }
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (ConcurrentRuns.Outcome outcome : ConcurrentRuns.runAll(branches, branches.size(), true, "sfn-parallel")) {
            results.add(outcome.value());
        }
        return results;
    }
}
