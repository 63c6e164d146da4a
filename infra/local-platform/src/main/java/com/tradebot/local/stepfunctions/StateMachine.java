package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.asl.DefinitionValidator;
import com.tradebot.local.stepfunctions.asl.Json;
import com.tradebot.local.stepfunctions.asl.StateGraph;
import com.tradebot.local.stepfunctions.asl.StateNode;
import com.tradebot.local.stepfunctions.asl.StatesErrors;
import com.tradebot.local.stepfunctions.asl.TaskResources;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/** A validated Amazon States Language definition that can be run locally. Thread-safe; runs share nothing. */
public final class StateMachine {
    private final JsonNode definition;
    private final StateGraph graph;

    /** @throws IllegalArgumentException when the JSON or the ASL is invalid; the message names the state */
    public StateMachine(String definitionJson) {
        this.definition = Json.parse(definitionJson);
        this.graph = DefinitionValidator.validateMachine(definition);
    }

    public JsonNode definition() {
        return definition.deepCopy();
    }

    /** The machine-level TimeoutSeconds, if set. */
    public OptionalLong timeoutSeconds() {
        return definition.has("TimeoutSeconds") ? OptionalLong.of(definition.get("TimeoutSeconds").asLong())
                : OptionalLong.empty();
    }

    /** Functions named statically (Resource ARNs and literal lambda:invoke FunctionNames), to check at start. */
    public Set<String> staticFunctionReferences() {
        Set<String> functions = new LinkedHashSet<>();
        collectFunctions(graph, functions);
        return functions;
    }

    private static void collectFunctions(StateGraph graph, Set<String> functions) {
        for (StateNode state : graph.states().values()) {
            if (state.type().equals("Task")) {
                String resource = state.text("Resource");
                if (TaskResources.LAMBDA_INVOKE.equals(resource)) {
                    JsonNode name = state.get("Parameters").get("FunctionName");
                    if (name != null && name.isTextual()) {
                        functions.add(name.textValue());
                    }
                } else {
                    functions.add(resource);
                }
            }
            state.branches().forEach(branch -> collectFunctions(branch, functions));
            if (state.itemProcessor() != null) {
                collectFunctions(state.itemProcessor(), functions);
            }
        }
    }

    public ExecutionResult execute(String inputJson, TaskInvoker invoker, ExecutionOptions options) {
        return execute(Json.parse(inputJson), invoker, options);
    }

    /**
     * Runs the machine on the calling thread. An interrupt (StopExecution) ends it as ABORTED with the thread's
     * interrupt flag set again.
     */
    public ExecutionResult execute(JsonNode input, TaskInvoker invoker, ExecutionOptions options) {
        Instant start = options.clock().instant();
        Interpreter interpreter = new Interpreter(invoker, options, input, start);
        try {
            return ExecutionResult.succeeded(interpreter.run(graph, input));
        } catch (StatesException e) {
            return ExecutionResult.failed(e.error(), e.cause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecutionResult.aborted();
        } catch (RuntimeException e) {
            // A bug or an unexpected handler/serialisation problem: fail the run the way AWS reports runtime errors.
            return ExecutionResult.failed(StatesErrors.RUNTIME, e.toString());
        }
    }
}
