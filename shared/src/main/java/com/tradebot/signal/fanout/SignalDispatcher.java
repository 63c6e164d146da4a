package com.tradebot.signal.fanout;

import com.tradebot.realtime.ChannelMember;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.subscription.SubscriptionRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatch step of the fan-out (ARCHITECTURE §1): for one signal event, pages the strategy's live subscribers
 * (ACTIVE and not past their end date, read at this moment, so an ended subscription stops at the next event),
 * attaches the WebSocket connections each has open on the strategy's channel, and queues batches of
 * {@link #BATCH_SIZE} subscribers for the delivery workers (the owner's connections ride in the first). Connections of users who are not live subscribers (or the
 * owner) are never included.
 */
public final class SignalDispatcher {
    public static final int BATCH_SIZE = 100;
    /**
     * Subscribers read per Query: ten batches' worth in one round trip (DynamoDB stops a page at 1 MB anyway, about
     * 2,000 subscription items); pages of one batch made 1,000 subscribers ten sequential round trips.
     */
    private static final int QUERY_PAGE = 10 * BATCH_SIZE;
    /** Batches queued at once: bounds memory for very large strategies. */
    private static final int FLUSH_BATCHES = 50;

    private final SubscriptionRepository subscriptions;
    private final ConnectionRepository connections;
    private final DeliveryQueue queue;
    private final Clock clock;

    public SignalDispatcher(SubscriptionRepository subscriptions, ConnectionRepository connections, DeliveryQueue queue,
                            Clock clock) {
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.queue = queue;
        this.clock = clock;
    }

    /** What one dispatch did: recipients, batches and SQS send requests. */
    public record Dispatched(int recipients, int batches, int sendRequests) {
    }

    public Dispatched dispatch(SignalEventMessage event) {
        Map<String, List<String>> connectionsByUser = new HashMap<>();
        for (ChannelMember member : connections.members("signals#" + event.strategyId())) {
            if (member.userId() != null) {
                connectionsByUser.computeIfAbsent(member.userId(), k -> new ArrayList<>()).add(member.connectionId());
            }
        }
        List<DeliveryBatch> pending = new ArrayList<>();
        List<DeliveryBatch.Recipient> current = new ArrayList<>();
        int recipients = 0;
        int batches = 0;
        int requests = 0;
        String ownerId = event.signal().ownerId();
        current.add(new DeliveryBatch.Recipient(ownerId, connectionsByUser.getOrDefault(ownerId, List.of()), false));
        recipients++;
        SubscriptionRepository.SubscriberIdPage page = subscriptions.activeSubscriberIds(event.strategyId(),
                clock.instant(), QUERY_PAGE, null);
        while (true) {
            for (String userId : page.userIds()) {
                if (userId.equals(ownerId)) {
                    continue;
                }
                current.add(new DeliveryBatch.Recipient(userId, connectionsByUser.getOrDefault(userId, List.of()), true));
                recipients++;
                // the owner rides in the first batch on top of its 100 subscribers: 1,000 subscribers make 10
                // batches, one SendMessageBatch and one delivery invocation, not an 11th batch with one subscriber
                if (current.size() == (batches == 0 ? BATCH_SIZE + 1 : BATCH_SIZE)) {
                    pending.add(new DeliveryBatch(event, batches++, List.copyOf(current)));
                    current.clear();
                }
            }
            if (pending.size() >= FLUSH_BATCHES) {
                requests += queue.send(pending);
                pending.clear();
            }
            if (page.next() == null) {
                break;
            }
            page = subscriptions.activeSubscriberIds(event.strategyId(), clock.instant(), QUERY_PAGE, page.next());
        }
        if (!current.isEmpty()) {
            pending.add(new DeliveryBatch(event, batches++, List.copyOf(current)));
        }
        if (!pending.isEmpty()) {
            requests += queue.send(pending);
        }
        return new Dispatched(recipients, batches, requests);
    }
}
