package com.tradebot.functions.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.crac.Core;
import org.crac.Resource;

/**
 * The edge every function shares, whatever invokes it (REST, WebSocket, SQS, schedule, Step Functions task):
 * each invocation runs with {@code AWSRequestId} and {@code correlationId} in the log context (the JSON layout
 * prints both), and SnapStart priming is registered in the constructor and run before the checkpoint, as in
 * Powertools' priming guide, so the snapshot already holds loaded SDK and JSON paths.
 *
 * <p>Subclasses implement {@link #handle}; kind-specific bases ({@code ApiHandler}, {@link WebSocketHandler},
 * {@link SqsBatchHandler}, {@link ScheduledHandler}) add routing and error mapping on top.
 */
public abstract class EdgeHandler<I, O> implements RequestHandler<I, O>, Resource {
    public static final String REQUEST_ID = "AWSRequestId";
    public static final String CORRELATION_ID = "correlationId";
    private static final Logger LOG = LogManager.getLogger(EdgeHandler.class);

    /** Work worth doing once before the snapshot, e.g. one call through the DynamoDB client. */
    @FunctionalInterface
    public interface Priming {
        void run() throws Exception;
    }

    private final List<Priming> primings = new ArrayList<>();

    protected EdgeHandler() {
        Core.getGlobalContext().register(this);
    }

    /** Call from the constructor; priming failures are logged and ignored (a dependency may be down at deploy). */
    protected final void primeWith(Priming priming) {
        primings.add(priming);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        for (Priming priming : primings) {
            try {
                priming.run();
            } catch (Exception e) {
                LOG.warn("Priming failed (the snapshot is taken anyway): {}", e.toString());
            }
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public final O handleRequest(I input, Context context) {
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId() : fallbackRequestId(input);
        String previousRequestId = ThreadContext.get(REQUEST_ID);
        String previousCorrelationId = ThreadContext.get(CORRELATION_ID);
        ThreadContext.put(REQUEST_ID, requestId);
        String correlationId = correlationId(input);
        ThreadContext.put(CORRELATION_ID, correlationId == null || correlationId.isBlank() ? requestId : correlationId);
        try {
            return handle(input, new Invocation(requestId, context));
        } finally {
            restore(REQUEST_ID, previousRequestId);
            restore(CORRELATION_ID, previousCorrelationId);
        }
    }

    /** One invocation's input, with the request id already in the log context. */
    protected abstract O handle(I input, Invocation invocation);

    /** The id that ties this invocation's logs to the request that caused it; the request id when absent. */
    protected String correlationId(I input) {
        return null;
    }

    /** A client-supplied id is logged only if it is short and plain (no log forging through odd characters). */
    protected static String plainId(String candidate) {
        return candidate != null && candidate.length() <= 128 && candidate.matches("[A-Za-z0-9._:=/+-]+")
                ? candidate : null;
    }

    /** When Lambda gives no context (tests, local tools): an id from the event, else a fresh one. */
    protected String fallbackRequestId(I input) {
        return UUID.randomUUID().toString();
    }

    /** Sets a log-context value for the rest of the invocation (e.g. per SQS message). */
    protected static void logContext(String key, String value) {
        if (value == null) {
            ThreadContext.remove(key);
        } else {
            ThreadContext.put(key, value);
        }
    }

    private static void restore(String key, String previous) {
        logContext(key, previous);
    }

    /** What the edge knows about the current invocation. */
    public record Invocation(String requestId, Context lambdaContext) {
    }
}
