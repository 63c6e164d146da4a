package com.tradebot.functions.jobs.signals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.fanout.SignalDispatcher;
import com.tradebot.signal.fanout.SqsDeliveryQueue;
import com.tradebot.subscription.SubscriptionRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** Dispatch queue → delivery batches (one SNS signal event per record); failed records alone are retried. */
public final class SignalDispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(SignalDispatchHandler.class);

    private final SignalDispatcher dispatcher;

    public SignalDispatchHandler() {
        this(new SignalDispatcher(new SubscriptionRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                new ConnectionRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                new SqsDeliveryQueue(AwsClients.sqs(), Env.require("DELIVERIES_QUEUE_URL")), Clock.systemUTC()));
    }

    public SignalDispatchHandler(SignalDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            try {
                SignalEventMessage message = Json.MAPPER.readValue(record.getBody(), SignalEventMessage.class);
                ThreadContext.put("correlationId", String.valueOf(message.correlationId()));
                long started = System.nanoTime();
                long age = message.occurredAt() == null ? -1
                        : java.time.Duration.between(message.occurredAt(), java.time.Instant.now()).toMillis();
                SignalDispatcher.Dispatched dispatched = dispatcher.dispatch(message);
                LOG.info("Dispatched {}: {} recipients in {} batches, {} SQS send requests, in {} ms ({} ms after the event)",
                        message.eventId(), dispatched.recipients(), dispatched.batches(), dispatched.sendRequests(),
                        (System.nanoTime() - started) / 1_000_000, age);
            } catch (Exception e) {
                LOG.warn("Dispatch of message {} failed, will be retried: {}", record.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } finally {
                ThreadContext.remove("correlationId");
            }
        }
        return new SQSBatchResponse(failures);
    }
}
