package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.stepfunctions.asl.Json;
import java.util.function.Function;

/** Runs Task functions through the platform's {@link FunctionInvoker}, reporting errors as Step Functions does. */
public final class LambdaTaskInvoker implements TaskInvoker {
    private static final int STACK_FRAMES_IN_CAUSE = 10;
    private final FunctionInvoker invoker;
    private final Function<String, String> functionToLogicalId;

    /** @param functionToLogicalId maps a function ARN or name to the template's logical id (null when unknown) */
    public LambdaTaskInvoker(FunctionInvoker invoker, Function<String, String> functionToLogicalId) {
        this.invoker = invoker;
        this.functionToLogicalId = functionToLogicalId;
    }

    /** The logical id behind a function ARN (also with a version/alias qualifier) or name, or null. */
    public String logicalIdOf(String function) {
        String logicalId = functionToLogicalId.apply(function);
        if (logicalId == null && function.startsWith("arn:") && function.split(":").length == 8) {
            logicalId = functionToLogicalId.apply(function.substring(0, function.lastIndexOf(':')));
        }
        return logicalId;
    }

    @Override
    public JsonNode invokeFunction(String function, JsonNode payload) throws StatesException, InterruptedException {
        String logicalId = logicalIdOf(function);
        if (logicalId == null) {
            throw new StatesException("Lambda.ResourceNotFoundException", "Function not found: " + function);
        }
        Object output;
        try {
            output = invoker.invoke(logicalId, payload);
        } catch (FunctionInvoker.FunctionError e) {
            if (Thread.currentThread().isInterrupted()) {
                // The execution was stopped while the handler ran: end the run, do not report a task failure.
                throw new InterruptedException("stopped while invoking " + logicalId);
            }
            throw new StatesException(e.errorType(), lambdaErrorCause(e));
        } catch (RuntimeException e) {
            throw new StatesException("Lambda.Unknown", lambdaErrorCause(new FunctionInvoker.FunctionError(
                    e.getClass().getName(), String.valueOf(e.getMessage()), e)));
        }
        try {
            return output == null ? NullNode.instance : Json.toTree(output);
        } catch (IllegalArgumentException e) {
            throw new StatesException("Lambda.SerializationException",
                    "The output of " + logicalId + " cannot be converted to JSON: " + e.getMessage());
        }
    }

    /** Lambda's error document: errorMessage, errorType and the top of the stack trace. */
    private static String lambdaErrorCause(FunctionInvoker.FunctionError error) {
        ObjectNode cause = Json.object().put("errorMessage", error.getMessage()).put("errorType", error.errorType());
        ArrayNode stackTrace = cause.putArray("stackTrace");
        Throwable origin = error.getCause() != null ? error.getCause() : error;
        StackTraceElement[] frames = origin.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES_IN_CAUSE, frames.length); i++) {
            stackTrace.add(frames[i].toString());
        }
        return Json.write(cause);
    }
}
