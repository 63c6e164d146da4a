package com.tradebot.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.tradebot.common.Env;
import com.tradebot.local.template.FunctionDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Runs the template's functions in this JVM like warm Lambda containers: one handler instance per function, built on
 * first use; every construction and invocation sees the function's own environment through {@link Env}; invocations
 * may run concurrently and are cut off after the function's Timeout.
 */
public final class LocalFunctions implements FunctionInvoker, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LocalFunctions.class);
    private static final long READY_WAIT_SECONDS = 30;

    private final Map<String, FunctionDef> functions = new ConcurrentHashMap<>();
    private final Map<String, LoadedHandler> handlers = new ConcurrentHashMap<>();
    private volatile Map<String, String> commonEnvironment;
    private final ClassLoader classLoader;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lambda-invocation");
        thread.setDaemon(true);
        return thread;
    });

    /** @param commonEnvironment variables every function gets (region, local endpoints); the template's win */
    public LocalFunctions(Map<String, String> commonEnvironment, ClassLoader classLoader) {
        this.commonEnvironment = Map.copyOf(commonEnvironment);
        this.classLoader = classLoader;
    }

    /** Adds variables every function gets; the platform learns its endpoints only while starting. */
    public void addCommonEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(commonEnvironment);
        merged.putAll(variables);
        commonEnvironment = Map.copyOf(merged);
    }

    public void register(FunctionDef function) {
        functions.put(function.logicalId(), function);
    }

    /** Releases invocations that arrived while the platform was still starting. */
    public void markReady() {
        ready.countDown();
    }

    public FunctionDef function(String logicalId) {
        return functions.get(logicalId);
    }

    @Override
    public Object invoke(String functionLogicalId, Object event) throws FunctionError {
        awaitReady();
        FunctionDef function = functions.get(functionLogicalId);
        if (function == null) {
            throw new FunctionError("ResourceNotFoundException", "Function not found: " + functionLogicalId, null);
        }
        String requestId = UUID.randomUUID().toString();
        Future<Object> result = executor.submit(() -> invokeInSandbox(function, requestId, event));
        try {
            return result.get(function.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            LOG.error("Function {} ({}) timed out, request {}: Task timed out after {} seconds",
                    function.logicalId(), function.functionName(), requestId, function.timeoutSeconds());
            throw new FunctionError("Sandbox.Timedout", requestId + " Task timed out after "
                    + function.timeoutSeconds() + " seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("Interrupted", "Interrupted while invoking " + functionLogicalId, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FunctionError error) {
                throw error;
            }
            throw new FunctionError(cause.getClass().getName(), cause.getMessage(), cause);
        }
    }

    private Object invokeInSandbox(FunctionDef function, String requestId, Object event) throws Exception {
        Map<String, String> environment = environmentOf(function);
        ThreadContext.put("AWSRequestId", requestId);
        try {
            return Env.withOverrides(environment, () -> {
                LoadedHandler handler = handlers.computeIfAbsent(function.logicalId(), id -> load(function, environment));
                return handler.invoke(event, new LocalContext(function, requestId));
            });
        } catch (Exception | Error e) {
            // What CloudWatch shows of a Lambda error; FailureReport leaves out messages that may quote data.
            LOG.error("Function {} ({}) failed, request {}: {}", function.logicalId(), function.functionName(),
                    requestId, FailureReport.of(e));
            throw e;
        } finally {
            ThreadContext.remove("AWSRequestId");
        }
    }

    private Map<String, String> environmentOf(FunctionDef function) {
        Map<String, String> environment = new HashMap<>(commonEnvironment);
        environment.putAll(function.environment());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("_HANDLER", function.handler());
        return environment;
    }

    /** Called inside {@link Env#withOverrides} so that constructors read the function's environment. */
    private LoadedHandler load(FunctionDef function, Map<String, String> environment) {
        String className = function.handlerClassName();
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            Object instance = type.getDeclaredConstructor().newInstance();
            return LoadedHandler.of(instance);
        } catch (InvocationTargetException e) {
            throw new HandlerLoadException("Constructor of handler " + className + " of " + function.logicalId()
                    + " threw", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new HandlerLoadException("Cannot create handler " + className + " of " + function.logicalId(), e);
        }
    }

    private void awaitReady() throws FunctionError {
        try {
            if (!ready.await(READY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new FunctionError("ServiceException", "The local platform did not finish starting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("Interrupted", "Interrupted while waiting for the platform to start", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A handler instance and the input type it declares. */
    private record LoadedHandler(Object instance, JavaType inputType) {
        static LoadedHandler of(Object instance) {
            if (instance instanceof RequestHandler<?, ?>) {
                JavaType[] parameters = EventConverter.mapper().getTypeFactory()
                        .findTypeParameters(EventConverter.type(instance.getClass()), RequestHandler.class);
                JavaType input = parameters.length > 0 ? parameters[0] : EventConverter.type(Object.class);
                return new LoadedHandler(instance, input);
            }
            if (instance instanceof RequestStreamHandler) {
                return new LoadedHandler(instance, null);
            }
            throw new IllegalStateException(instance.getClass().getName()
                    + " implements neither RequestHandler nor RequestStreamHandler");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object invoke(Object event, LocalContext context) throws Exception {
            if (instance instanceof RequestStreamHandler streamHandler) {
                byte[] input = event == null ? "null".getBytes(StandardCharsets.UTF_8)
                        : EventConverter.toJson(event).getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                streamHandler.handleRequest(new ByteArrayInputStream(input), output, context);
                return output.size() == 0 ? null : EventConverter.toTree(output.toString(StandardCharsets.UTF_8));
            }
            Object input = EventConverter.convert(event, inputType);
            return ((RequestHandler) instance).handleRequest(input, context);
        }
    }
}
