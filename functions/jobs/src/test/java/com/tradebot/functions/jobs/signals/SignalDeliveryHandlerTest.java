package com.tradebot.functions.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.Json;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.fanout.DeliveryBatch;
import com.tradebot.signal.fanout.SignalDelivery;
import com.tradebot.strategy.Strategy;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The delivery worker pushes every record's signal event before any record's notifications (which are slower and
 * would hold up the WebSocket path of the batches after them), hands the pusher the serialised message, and fails
 * only the records whose pushes or notifications failed.
 */
class SignalDeliveryHandlerTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Set<String> jsonSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> failingConnections = ConcurrentHashMap.newKeySet();
    private final ConnectionPusher pusher = new ConnectionPusher() {
        @Override
        public boolean push(String connectionId, ServerMessage message) {
            throw new AssertionError("the fan-out passes the serialised message");
        }

        @Override
        public boolean push(String connectionId, ServerMessage message, String json) {
            if (failingConnections.contains(connectionId)) {
                throw new IllegalStateException("connection reset");
            }
            jsonSeen.add(json);
            order.add("push " + connectionId);
            return true;
        }
    };

    private SQSEvent.SQSMessage record(String id, DeliveryBatch batch) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(Json.write(batch));
        return message;
    }

    @Test
    void allPushesComeBeforeAnyNotificationAndFailuresStayPerRecord() {
        Strategy strategy = f.freeStrategy("provider-delivery");
        f.signals.create("provider-delivery", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), null);
        SignalEventMessage event = f.published.get(0);
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            List<DeliveryBatch.Recipient> recipients = new ArrayList<>();
            for (int u = 0; u < 20; u++) {
                recipients.add(new DeliveryBatch.Recipient("user-" + r + "-" + u, List.of("c-" + r + "-" + u), true));
            }
            records.add(record("m" + r, new DeliveryBatch(event, r, recipients)));
        }
        failingConnections.add("c-3-7");
        SQSEvent sqsEvent = new SQSEvent();
        sqsEvent.setRecords(records);
        SignalDelivery delivery = new SignalDelivery(pusher, new ConnectionRepository(LocalDynamoDb.client(), f.table),
                batch -> order.add("notify " + batch.index()), Executors.newFixedThreadPool(8), Clock.systemUTC());

        SQSBatchResponse response = new SignalDeliveryHandler(delivery).handleRequest(sqsEvent, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m3");
        int lastPush = -1;
        int firstNotify = Integer.MAX_VALUE;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).startsWith("push")) {
                lastPush = i;
            } else {
                firstNotify = Math.min(firstNotify, i);
            }
        }
        assertThat(order).filteredOn(s -> s.startsWith("push")).hasSize(99);
        assertThat(order).filteredOn(s -> s.startsWith("notify"))
                .containsExactlyInAnyOrder("notify 0", "notify 1", "notify 2", "notify 4");
        assertThat(lastPush).as("every push before the first notification").isLessThan(firstNotify);
        assertThat(jsonSeen).allSatisfy(json -> assertThat(json).contains("\"event\":\"signal_new\"",
                event.eventId()));
    }
}
