package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.auth.UserRepository;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.functions.edge.SqsBatchHandler;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.signal.SignalRepository;
import com.tradebot.storage.MainTable;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.execution.AutoTradeExecutor;
import com.tradebot.trading.execution.ExecutionRepository;
import com.tradebot.trading.execution.ExecutionRequest;
import com.tradebot.trading.execution.ExecutionSettingsRepository;
import com.tradebot.trading.position.ChannelPositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.vault.ExchangeKeyVault;
import com.tradebot.vault.VaultWiring;
import java.time.Clock;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executions FIFO queue's consumer: one message, at most one order (see {@link AutoTradeExecutor}). A throw
 * (exchange down, throttled) leaves the message to SQS: retried after the visibility timeout, parked in the DLQ
 * after maxReceiveCount; later messages of the same account wait behind it, as FIFO order requires.
 */
public final class ExecutionHandler extends SqsBatchHandler {
    private static final Logger LOG = LogManager.getLogger(ExecutionHandler.class);

    private final AutoTradeExecutor executor;

    public ExecutionHandler() {
        this(build(MainTable.fromEnvironment(), Clock.systemUTC()));
    }

    public ExecutionHandler(AutoTradeExecutor executor) {
        this.executor = executor;
    }

    private static AutoTradeExecutor build(MainTable table, Clock clock) {
        ExchangeKeyVault vault = VaultWiring.exchangeKeyVault(table, clock);
        PositionRepository positions = new PositionRepository(table.client(), table.name());
        ConnectionRepository connections = new ConnectionRepository(table.client(), table.name());
        return new AutoTradeExecutor(new ExecutionSettingsRepository(table.client(), table.name()),
                new SignalRepository(table.client(), table.name()),
                new SubscriptionRepository(table.client(), table.name()),
                new UserRepository(table.client(), table.name()),
                new ExchangeGateway(vault, Exchanges.fromEnvironment(clock), BackOff.standard()),
                new ExecutionRepository(table.client(), table.name(), positions), positions,
                new ChannelPositionEvents(new RealtimeService(connections, token -> Optional.empty(), clock),
                        new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(
                                Env.require("WEBSOCKET_CALLBACK_URL"))), clock), clock);
    }

    @Override
    protected void handleMessage(SQSEvent.SQSMessage message) throws Exception {
        ExecutionRequest request = Json.MAPPER.readValue(message.getBody(), ExecutionRequest.class);
        AutoTradeExecutor.Result result = executor.execute(request);
        LOG.info("Execution of signal {} for subscription {}: {}{}", request.signalId(), request.subscriptionId(),
                result.outcome(), result.reason() == null ? "" : " (" + result.reason() + ")");
    }
}
