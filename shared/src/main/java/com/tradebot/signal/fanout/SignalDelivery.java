package com.tradebot.signal.fanout;

import com.tradebot.common.Json;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalEventMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The delivery step: pushes one batch's event to every recipient's connections in parallel (each push is one
 * {@code @connections} call), removes connections that answer 410 Gone, then hands the batch to the notification
 * step. Every push carries the event id, so a redelivered batch is dropped by clients that already have it. A push
 * that fails for another reason fails the batch (after the others were tried) so SQS redelivers it.
 */
public final class SignalDelivery {
    private static final Logger LOG = LogManager.getLogger(SignalDelivery.class);

    private final ConnectionPusher pusher;
    private final ConnectionRepository connections;
    private final BatchNotifier notifier;
    private final ExecutorService pushPool;
    private final Clock clock;

    /** What happens after the pushes: in-app notification rows and external channels (issue 15 part d). */
    @FunctionalInterface
    public interface BatchNotifier {
        BatchNotifier NONE = batch -> { };

        void notify(DeliveryBatch batch);
    }

    public SignalDelivery(ConnectionPusher pusher, ConnectionRepository connections, BatchNotifier notifier,
                          ExecutorService pushPool, Clock clock) {
        this.pusher = pusher;
        this.connections = connections;
        this.notifier = notifier;
        this.pushPool = pushPool;
        this.clock = clock;
    }

    public record Delivered(int pushed, int gone, int failed) {
    }

    /** The WebSocket message of an event: {@code signal_new / signal_update / signal_closed} with a stable id. */
    public static ServerMessage message(SignalEventMessage event, java.time.Instant now) {
        return ServerMessage.of(event.webSocketEvent(), new SignalEventData(event.eventId(), event.strategyId(),
                event.sequence(), event.hash(), event.signal()), now);
    }

    /** The {@code data} of a signal event on the WebSocket. */
    public record SignalEventData(String eventId, String strategyId, long sequence, String hash, Signal signal) {
    }

    /** Pushes, then notifications: {@link #push} and {@link #notify} of one batch. */
    public Delivered deliver(DeliveryBatch batch) {
        Delivered delivered = push(batch);
        notify(batch);
        return delivered;
    }

    /**
     * The notification step of a batch whose pushes succeeded. Kept apart from {@link #push} so that a worker with
     * several batches pushes all of them first: the WebSocket is the latency-critical path, rows and Telegram can
     * follow.
     */
    public void notify(DeliveryBatch batch) {
        notifier.notify(batch);
    }

    /** The WebSocket pushes of a batch; throws (after trying every connection) when any push failed. */
    public Delivered push(DeliveryBatch batch) {
        ServerMessage message = message(batch.event(), clock.instant());
        String json = Json.write(message); // once per batch, not once per push
        AtomicInteger pushed = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (DeliveryBatch.Recipient recipient : batch.recipients()) {
            for (String connectionId : recipient.connectionIds()) {
                pushes.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (pusher.push(connectionId, message, json)) {
                            pushed.incrementAndGet();
                        } else {
                            gone.incrementAndGet();
                            connections.delete(connectionId);
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        LOG.warn("Push of {} to a connection failed: {}", batch.event().eventId(), e.toString());
                    }
                }, pushPool));
            }
        }
        CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " pushes of " + batch.event().eventId() + " failed");
        }
        return new Delivered(pushed.get(), gone.get(), failed.get());
    }
}
