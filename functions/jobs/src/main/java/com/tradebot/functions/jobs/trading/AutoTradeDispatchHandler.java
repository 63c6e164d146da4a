package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.functions.edge.SqsBatchHandler;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.execution.AutoTradeDispatcher;
import com.tradebot.trading.execution.ExecutionRepository;
import com.tradebot.trading.execution.ExecutionSettingsRepository;
import com.tradebot.trading.execution.SqsExecutionQueue;
import com.tradebot.trading.position.PositionRepository;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Signals topic → auto-trade queue → one FIFO execution request per auto-trading subscription of a new entry signal,
 * or one close request per follower position of a signal that ended.
 */
public final class AutoTradeDispatchHandler extends SqsBatchHandler {
    private static final Logger LOG = LogManager.getLogger(AutoTradeDispatchHandler.class);

    private final AutoTradeDispatcher dispatcher;

    public AutoTradeDispatchHandler() {
        this(build(Env.require(MainTable.NAME_VARIABLE)));
    }

    public AutoTradeDispatchHandler(AutoTradeDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    private static AutoTradeDispatcher build(String table) {
        return new AutoTradeDispatcher(new ExecutionSettingsRepository(AwsClients.dynamoDb(), table),
                new ExecutionRepository(AwsClients.dynamoDb(), table,
                        new PositionRepository(AwsClients.dynamoDb(), table)),
                new SqsExecutionQueue(AwsClients.sqs(), Env.require("EXECUTIONS_QUEUE_URL")));
    }

    @Override
    protected void handleMessage(SQSEvent.SQSMessage message) throws Exception {
        SignalEventMessage event = Json.MAPPER.readValue(message.getBody(), SignalEventMessage.class);
        int queued = dispatcher.dispatch(event);
        if (queued > 0) {
            LOG.info("Queued {} executions of {}", queued, event.eventId());
        }
    }
}
