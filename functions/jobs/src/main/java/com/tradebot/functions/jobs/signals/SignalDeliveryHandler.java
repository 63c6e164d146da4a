package com.tradebot.functions.jobs.signals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.signal.fanout.DeliveryBatch;
import com.tradebot.signal.fanout.SignalDelivery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Deliveries queue → WebSocket pushes (and notifications). The records of one invocation are delivered side by side,
 * and within a record the pushes run in parallel: one invocation serves up to 10 × 100 recipients. A record whose
 * delivery failed is reported alone, so SQS redelivers only it.
 */
public final class SignalDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(SignalDeliveryHandler.class);
    /** @connections calls are I/O bound; a Lambda's vCPUs keep this many busy. */
    private static final ExecutorService PUSHES = Executors.newFixedThreadPool(32, daemon("push"));
    private static final ExecutorService RECORDS = Executors.newFixedThreadPool(10, daemon("delivery"));

    private final SignalDelivery delivery;

    public SignalDeliveryHandler() {
        this(new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL"))));
    }

    private SignalDeliveryHandler(ConnectionPusher pusher) {
        this(new SignalDelivery(pusher, new ConnectionRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                Notifications.fromEnvironment(pusher, PUSHES), PUSHES, Clock.systemUTC()));
    }

    public SignalDeliveryHandler(SignalDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long started = System.nanoTime();
        // 1. every record's WebSocket pushes, side by side: what subscribers wait for
        List<CompletableFuture<DeliveryBatch>> pushed = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            pushed.add(CompletableFuture.supplyAsync(() -> {
                try {
                    DeliveryBatch batch = Json.MAPPER.readValue(record.getBody(), DeliveryBatch.class);
                    SignalDelivery.Delivered delivered = delivery.push(batch);
                    pushes.addAndGet(delivered.pushed());
                    LOG.debug("Delivered {} batch {}: {} pushed, {} gone", batch.event().eventId(), batch.index(),
                            delivered.pushed(), delivered.gone());
                    return batch;
                } catch (Exception e) {
                    LOG.warn("Delivery of message {} failed, will be retried: {}", record.getMessageId(), e.toString());
                    return null;
                }
            }, RECORDS));
        }
        // 2. then notifications (rows, notification events, Telegram/Discord queue) of the batches pushed, so that
        // they never hold up another batch's signal pushes; a record fails if either step failed
        CompletableFuture.allOf(pushed.toArray(CompletableFuture[]::new)).join();
        long pushedAt = System.nanoTime();
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < pushed.size(); i++) {
            SQSEvent.SQSMessage record = event.getRecords().get(i);
            outcomes.add(pushed.get(i).thenApplyAsync(batch -> {
                if (batch == null) {
                    return record.getMessageId();
                }
                try {
                    delivery.notify(batch);
                    return null;
                } catch (RuntimeException e) {
                    LOG.warn("Notifications of message {} failed, will be retried: {}", record.getMessageId(),
                            e.toString());
                    return record.getMessageId();
                }
            }, RECORDS));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (CompletableFuture<String> outcome : outcomes) {
            String failedId = outcome.join();
            if (failedId != null) {
                failures.add(new SQSBatchResponse.BatchItemFailure(failedId));
            }
        }
        // one line per invocation: the benchmark counts invocations and pushes per signal from these
        LOG.info("Delivery invocation: {} batches, {} pushes, {} failed, pushed in {} ms, notified in {} ms",
                event.getRecords().size(), pushes.get(), failures.size(), (pushedAt - started) / 1_000_000,
                (System.nanoTime() - pushedAt) / 1_000_000);
        return new SQSBatchResponse(failures);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "signal-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
