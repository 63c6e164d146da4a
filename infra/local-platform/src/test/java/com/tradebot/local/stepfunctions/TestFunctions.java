package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.FunctionInvoker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A FunctionInvoker over test handlers: throwing handlers fail with their exception class name, as Lambda reports. */
final class TestFunctions implements FunctionInvoker {
    static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    @FunctionalInterface
    interface Handler {
        Object handle(JsonNode event) throws Exception;
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    TestFunctions with(String logicalId, Handler handler) {
        handlers.put(logicalId, handler);
        return this;
    }

    @Override
    public Object invoke(String functionLogicalId, Object event) throws FunctionError {
        Handler handler = handlers.get(functionLogicalId);
        if (handler == null) {
            throw new IllegalStateException("no test handler " + functionLogicalId);
        }
        calls.add(functionLogicalId);
        try {
            return handler.handle((JsonNode) event);
        } catch (Exception e) {
            throw new FunctionError(e.getClass().getName(), e.getMessage(), e);
        }
    }

    /** Test ARNs and bare names map to the part after "function:". */
    static String logicalIdOf(String functionArnOrName) {
        if (functionArnOrName.startsWith(ARN_PREFIX)) {
            return functionArnOrName.substring(ARN_PREFIX.length());
        }
        return functionArnOrName.startsWith("arn:") ? null : functionArnOrName;
    }

    TaskInvoker taskInvoker() {
        return new LambdaTaskInvoker(this, TestFunctions::logicalIdOf);
    }

    /** A test-only error type, to be caught by its class name. */
    static final class PriceFeedUnavailable extends Exception {
        PriceFeedUnavailable(String message) {
            super(message);
        }
    }
}
