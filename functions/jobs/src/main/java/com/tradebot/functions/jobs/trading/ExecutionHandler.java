package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
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
import com.tradebot.trading.execution.SignalCloseExecutor;
import com.tradebot.trading.execution.SignalCloseRequest;
import com.tradebot.trading.position.ChannelPositionEvents;
import com.tradebot.trading.position.PositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PriceRepository;
import com.tradebot.vault.VaultWiring;
import java.time.Clock;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executions FIFO queue's consumer: one message, at most one order (see {@link AutoTradeExecutor}), or the close
 * of one follower's position whose signal ended (see {@link SignalCloseExecutor}). A throw
 * (exchange down, throttled) leaves the message to SQS: retried after the visibility timeout, parked in the DLQ
 * after maxReceiveCount; later messages of the same account wait behind it, as FIFO order requires.
 */
public final class ExecutionHandler extends SqsBatchHandler {
    private static final Logger LOG = LogManager.getLogger(ExecutionHandler.class);

    private final AutoTradeExecutor executor;
    private final SignalCloseExecutor closer;

    public ExecutionHandler() {
        this(MainTable.fromEnvironment(), Clock.systemUTC());
    }

    private ExecutionHandler(MainTable table, Clock clock) {
        this(table, clock, new ExchangeGateway(VaultWiring.exchangeKeyVault(table, clock),
                Exchanges.fromEnvironment(clock), BackOff.standard()));
    }

    private ExecutionHandler(MainTable table, Clock clock, ExchangeGateway gateway) {
        this(table, clock, gateway, new PositionRepository(table.client(), table.name()),
                new ChannelPositionEvents(new RealtimeService(new ConnectionRepository(table.client(), table.name()),
                        token -> Optional.empty(), clock), new ApiGatewayConnectionPusher(
                        AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL"))), clock));
    }

    private ExecutionHandler(MainTable table, Clock clock, ExchangeGateway gateway, PositionRepository positions,
                             PositionEvents events) {
        this(table, clock, gateway, positions, events, new PositionService(positions,
                new PriceRepository(table.client(), table.name()), gateway, events, clock));
    }

    private ExecutionHandler(MainTable table, Clock clock, ExchangeGateway gateway, PositionRepository positions,
                             PositionEvents events, PositionService closer) {
        this(new AutoTradeExecutor(new ExecutionSettingsRepository(table.client(), table.name()),
                        new SignalRepository(table.client(), table.name()),
                        new SubscriptionRepository(table.client(), table.name()),
                        new UserRepository(table.client(), table.name()), gateway,
                        new ExecutionRepository(table.client(), table.name(), positions), positions, events, clock,
                        closer),
                new SignalCloseExecutor(positions, closer));
    }

    public ExecutionHandler(AutoTradeExecutor executor, SignalCloseExecutor closer) {
        this.executor = executor;
        this.closer = closer;
    }

    @Override
    protected void handleMessage(SQSEvent.SQSMessage message) throws Exception {
        JsonNode body = Json.MAPPER.readTree(message.getBody());
        if (SignalCloseRequest.ACTION.equals(body.path("action").asText())) {
            SignalCloseRequest close = Json.MAPPER.treeToValue(body, SignalCloseRequest.class);
            SignalCloseExecutor.Result result = closer.execute(close);
            LOG.info("Close of position {} (signal {} {}): {}", close.positionId(), close.signalId(), close.reason(),
                    result.outcome());
            return;
        }
        ExecutionRequest request = Json.MAPPER.treeToValue(body, ExecutionRequest.class);
        AutoTradeExecutor.Result result = executor.execute(request);
        LOG.info("Execution of signal {} for subscription {}: {}{}", request.signalId(), request.subscriptionId(),
                result.outcome(), result.reason() == null ? "" : " (" + result.reason() + ")");
    }
}
