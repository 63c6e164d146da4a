package com.tradebot.local.messaging;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tradebot.local.lambda.FunctionInvoker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Invokes test handlers in-process by logical id, reporting a thrown exception as Lambda would. */
public final class TestInvoker implements FunctionInvoker {

    private final Map<String, RequestHandler<Object, Object>> handlers = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public TestInvoker register(String functionLogicalId, RequestHandler<?, ?> handler) {
        handlers.put(functionLogicalId, (RequestHandler<Object, Object>) handler);
        return this;
    }

    @Override
    public Object invoke(String functionLogicalId, Object event) throws FunctionError {
        RequestHandler<Object, Object> handler = handlers.get(functionLogicalId);
        if (handler == null) {
            throw new FunctionError("ResourceNotFoundException", "Function not found: " + functionLogicalId, null);
        }
        try {
            return handler.handleRequest(event, null);
        } catch (RuntimeException e) {
            throw new FunctionError(e.getClass().getName(), e.getMessage(), e);
        }
    }
}
