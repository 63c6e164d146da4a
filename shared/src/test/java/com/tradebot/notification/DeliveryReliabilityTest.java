package com.tradebot.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.fanout.DeliveryBatch;
import com.tradebot.signal.fanout.DeliveryQueue;
import com.tradebot.signal.fanout.SignalDelivery;
import com.tradebot.signal.fanout.SignalDispatcher;
import com.tradebot.strategy.Strategy;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch and delivery on the real engine: a worker that fails mid-batch is redelivered and every subscriber ends up
 * with the event once by event id and one notification row; an expired subscriber stops receiving; a gone connection
 * is removed; external channel messages are queued once.
 */
class DeliveryReliabilityTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final ConnectionRepository connections = new ConnectionRepository(LocalDynamoDb.client(), f.table);
    private final NotificationRepository notifications = new NotificationRepository(LocalDynamoDb.client(), f.table);
    private final List<DeliveryBatch> queued = new CopyOnWriteArrayList<>();
    private final List<ChannelMessage> channelMessages = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ConnectionPusher pusher = (connectionId, message) -> {
        if (gone.contains(connectionId)) {
            return false;
        }
        if (failOnce.remove(connectionId)) {
            throw new IllegalStateException("connection reset");
        }
        if (message.data() instanceof SignalDelivery.SignalEventData data) {
            received.computeIfAbsent(connectionId, k -> new CopyOnWriteArrayList<>()).add(data.eventId());
        }
        return true;
    };
    private final SignalDelivery delivery = new SignalDelivery(pusher, connections,
            new SignalNotifier(notifications, channelMessages::addAll, pusher, pool, f.clock), pool, f.clock);
    private final SignalDispatcher dispatcher = new SignalDispatcher(f.subscriptionRepository, connections,
            (DeliveryQueue) batches -> {
                queued.addAll(batches);
                return 1;
            }, f.clock);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void connectAndSubscribe(String connectionId, String userId, String strategyId) {
        RealtimeService realtime = new RealtimeService(connections, token -> Optional.empty(), (u, s) -> true, f.clock);
        realtime.connect(connectionId, Optional.of(new Principal(userId, Role.USER, f.clock.instant().plusSeconds(900))), "127.0.0.1");
        realtime.onMessage(connectionId, "{\"action\":\"subscribe_signals\",\"strategyId\":\"" + strategyId + "\"}",
                (id, message) -> true);
    }

    @Test
    void aWorkerThatFailsMidBatchIsRedeliveredAndEveryoneGetsTheEventOnceWithOneNotification() {
        Strategy strategy = f.freeStrategy("provider-1");
        for (int i = 0; i < 3; i++) {
            f.subscriptions.subscribe("user-" + i, strategy.id());
            connectAndSubscribe("conn-" + i, "user-" + i, strategy.id());
        }
        notifications.savePreferences("user-0", new NotificationPreferences(true, "123456", null));
        f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c");
        SignalEventMessage event = f.published.get(0);
        SignalDispatcher.Dispatched dispatched = dispatcher.dispatch(event);
        assertThat(dispatched.recipients()).isEqualTo(4); // owner + 3 subscribers
        DeliveryBatch batch = queued.get(0);

        failOnce.add("conn-1");
        assertThatThrownBy(() -> delivery.deliver(batch)).hasMessageContaining("failed");
        assertThat(notifications.idsOf("user-0")).isEmpty(); // notifications follow successful pushes only

        delivery.deliver(batch); // SQS redelivers the message
        delivery.deliver(batch); // ... and once more (at least once)
        for (int i = 0; i < 3; i++) {
            assertThat(Set.copyOf(received.get("conn-" + i))).containsExactly(event.eventId());
            assertThat(notifications.idsOf("user-" + i)).containsExactly(event.eventId());
        }
        assertThat(channelMessages).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(ChannelMessage.TELEGRAM);
            assertThat(m.userId()).isEqualTo("user-0");
        });
        assertThat(notifications.idsOf("provider-1")).isEmpty();
    }

    @Test
    void subscribersBeyondOneQueryPageAreAllDispatchedOnceInBatchesOfAHundred() {
        Strategy strategy = f.freeStrategy("provider-1");
        int subscribers = 1_205; // more than one Query page of subscribers
        for (int i = 0; i < subscribers; i++) {
            f.subscriptions.createRecord("user-" + i, strategy, com.tradebot.subscription.SubscriptionStatus.ACTIVE, null);
        }
        f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c");

        SignalDispatcher.Dispatched dispatched = dispatcher.dispatch(f.published.get(0));

        assertThat(dispatched.recipients()).isEqualTo(subscribers + 1);
        assertThat(dispatched.batches()).isEqualTo(13);
        List<String> users = queued.stream().flatMap(batch -> batch.recipients().stream())
                .map(DeliveryBatch.Recipient::userId).toList();
        assertThat(users).hasSize(subscribers + 1).doesNotHaveDuplicates().contains("user-0", "user-1204");
        assertThat(queued.get(0).recipients().get(0).userId()).isEqualTo("provider-1");
        assertThat(queued).allSatisfy(batch -> assertThat(batch.recipients().size()).isLessThanOrEqualTo(101));
    }

    @Test
    void anExpiredSubscriberStopsReceivingAndAGoneConnectionIsRemoved() {
        Strategy strategy = f.strategies.create("provider-1", MarketplaceFixture.draft("Paid", "5"));
        f.subscriptions.createRecord("user-a", strategy, com.tradebot.subscription.SubscriptionStatus.ACTIVE,
                f.clock.instant().plus(Duration.ofDays(30)));
        f.subscriptions.createRecord("user-b", strategy, com.tradebot.subscription.SubscriptionStatus.ACTIVE, null);
        connectAndSubscribe("conn-a", "user-a", strategy.id());
        connectAndSubscribe("conn-b", "user-b", strategy.id());
        connectAndSubscribe("conn-x", "stranger", strategy.id()); // subscribed to the channel, but no subscription
        f.clock.advance(Duration.ofDays(31));
        gone.add("conn-b");

        f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c");
        dispatcher.dispatch(f.published.get(0));
        List<String> recipients = new ArrayList<>();
        queued.forEach(b -> b.recipients().forEach(r -> recipients.add(r.userId())));
        assertThat(recipients).containsExactlyInAnyOrder("provider-1", "user-b");
        queued.forEach(delivery::deliver);
        assertThat(received).doesNotContainKeys("conn-a", "conn-x");
        assertThat(connections.find("conn-b")).isEmpty();
    }

    @Test
    void preferencesRefuseUrlsIntoOurNetworkAndListsShowUnreadFirst() {
        NotificationService service = new NotificationService(notifications);
        for (String url : List.of("http://discord.com/api/webhooks/1/a", "https://127.0.0.1/x", "https://10.0.0.8/x",
                "https://localhost/x", "https://169.254.169.254/latest", "https://[::1]/x", "not a url")) {
            assertThatThrownBy(() -> service.savePreferences("u", new NotificationPreferences(true, null, url)))
                    .as(url).hasMessageContaining("discordWebhookUrl");
        }
        assertThat(service.savePreferences("u", new NotificationPreferences(null, "-100123",
                "https://discord.com/api/webhooks/123/secret-token")).discordWebhookUrl())
                .isEqualTo("https://discord.com/api/webhooks/123/****");
        assertThat(notifications.preferences("u").discordWebhookUrl()).endsWith("secret-token");

        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            notifications.recordOnce(new Notification("e" + i, "u", "signal_new", "t", "b", "s", "sig", false, f.clock.instant()));
        }
        service.markRead("u", "e2");
        assertThat(service.list("u", null, 10).items()).extracting(Notification::id).containsExactly("e1", "e0", "e2");
        var first = service.list("u", null, 2);
        assertThat(service.list("u", first.nextCursor(), 2).items()).extracting(Notification::id).containsExactly("e2");
        assertThatThrownBy(() -> service.markRead("other", "e1")).hasMessageContaining("No notification");
    }

    @Test
    void aBatchOfRowsSkipsUsersWhoHaveTheEventAlreadyAndKeepsTheirReadFlag() {
        NotificationService service = new NotificationService(notifications);
        List<Notification> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) { // more than one BatchGetItem (100 keys) and many BatchWriteItems (25)
            batch.add(new Notification("ev-1", "user-" + i, "signal_new", "t", "b", "s", "sig", false, f.clock.instant()));
        }
        assertThat(notifications.recordNew(batch.subList(0, 40))).hasSize(40);
        service.markRead("user-3", "ev-1");

        List<Notification> storedNow = notifications.recordNew(batch);

        assertThat(storedNow).extracting(Notification::userId)
                .containsExactlyElementsOf(batch.subList(40, 130).stream().map(Notification::userId).toList());
        assertThat(notifications.recordNew(batch)).isEmpty();
        for (String user : List.of("user-0", "user-3", "user-39", "user-40", "user-129")) {
            assertThat(notifications.idsOf(user)).as(user).containsExactly("ev-1");
        }
        assertThat(service.list("user-3", null, 10).items()).singleElement()
                .satisfies(n -> assertThat(n.read()).isTrue());
    }
}
