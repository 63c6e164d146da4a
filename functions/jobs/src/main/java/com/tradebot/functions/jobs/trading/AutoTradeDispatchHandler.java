package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.functions.edge.SqsBatchHandler;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.execution.AutoTradeDispatcher;
import com.tradebot.trading.execution.ExecutionSettingsRepository;
import com.tradebot.trading.execution.SqsExecutionQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Signals topic → auto-trade queue → one FIFO execution request per auto-trading subscription of the strategy. */
public final class AutoTradeDispatchHandler extends SqsBatchHandler {
    private static final Logger LOG = LogManager.getLogger(AutoTradeDispatchHandler.class);

    private final AutoTradeDispatcher dispatcher;

    public AutoTradeDispatchHandler() {
        this(new AutoTradeDispatcher(new ExecutionSettingsRepository(AwsClients.dynamoDb(),
                Env.require(MainTable.NAME_VARIABLE)),
                new SqsExecutionQueue(AwsClients.sqs(), Env.require("EXECUTIONS_QUEUE_URL"))));
    }

    public AutoTradeDispatchHandler(AutoTradeDispatcher dispatcher) {
        this.dispatcher = dispatcher;
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
