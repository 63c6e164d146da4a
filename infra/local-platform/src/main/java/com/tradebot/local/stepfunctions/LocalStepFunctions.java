package com.tradebot.local.stepfunctions;

import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.stepfunctions.api.ApiHttpHandler;
import com.tradebot.local.stepfunctions.api.StepFunctionsApi;
import com.tradebot.local.template.StateMachineDef;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.xnio.Options;

/**
 * A local Step Functions: the state machines of the template behind the Step Functions API (AWS JSON 1.0, as the SDK's
 * SfnClient speaks it) on a loopback port. Executions run on a thread pool and are kept in memory.
 *
 * <p>SDK clients need {@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION = true} for StartSyncExecution:
 * the SDK otherwise sends it to host {@code sync-<endpoint host>}, which does not resolve locally.
 */
public final class LocalStepFunctions implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private final Undertow server;
    private final StepFunctionsApi api;
    private final URI endpoint;

    private LocalStepFunctions(Undertow server, StepFunctionsApi api, URI endpoint) {
        this.server = server;
        this.api = api;
        this.endpoint = endpoint;
    }

    /**
     * @param port                   0 picks a free port
     * @param functionArnToLogicalId maps a Lambda function ARN (or name) of a Task to the template's logical id
     * @throws IllegalArgumentException when a definition is invalid (the message names machine and state) or a Task
     *                                  names a function the template does not have
     */
    public static LocalStepFunctions start(int port, List<StateMachineDef> machines, FunctionInvoker invoker,
                                           Function<String, String> functionArnToLogicalId) {
        return start(port, machines, invoker, functionArnToLogicalId, ExecutionOptions.defaults());
    }

    /** As {@link #start(int, List, FunctionInvoker, Function)} with timing options (e.g. a time scale for demos). */
    public static LocalStepFunctions start(int port, List<StateMachineDef> machines, FunctionInvoker invoker,
                                           Function<String, String> functionArnToLogicalId,
                                           ExecutionOptions options) {
        LambdaTaskInvoker taskInvoker = new LambdaTaskInvoker(invoker, functionArnToLogicalId);
        StepFunctionsApi api = new StepFunctionsApi(machines, taskInvoker, options);
        for (int i = 0; i < machines.size(); i++) {
            for (String function : api.definitions().get(i).staticFunctionReferences()) {
                if (taskInvoker.logicalIdOf(function) == null) {
                    api.close();
                    throw new IllegalArgumentException("State machine '" + machines.get(i).logicalId()
                            + "': Task function '" + function + "' is not a function of the template");
                }
            }
        }
        Undertow server = Undertow.builder()
                .addHttpListener(port, HOST)
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(org.xnio.Options.TCP_NODELAY, true)
                .setHandler(new ApiHttpHandler(api))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return new LocalStepFunctions(server, api, URI.create("http://" + HOST + ":" + address.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Stops accepting requests and aborts running executions. */
    @Override
    public void close() {
        server.stop();
        api.close();
    }
}
