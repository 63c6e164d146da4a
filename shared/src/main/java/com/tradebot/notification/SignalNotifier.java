package com.tradebot.notification;

import com.tradebot.common.Json;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.fanout.DeliveryBatch;
import com.tradebot.signal.fanout.SignalDelivery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The notification step of delivery: for each notified recipient of a batch, one in-app notification row per event
 * (written for the whole batch at once, skipping users who have it, so a redelivered batch adds nothing), a {@code notification} push to their connections when
 * in-app is on, and Telegram / Discord messages queued for the channels they set, only when the row is new.
 */
public final class SignalNotifier implements SignalDelivery.BatchNotifier {
    private static final Logger LOG = LogManager.getLogger(SignalNotifier.class);
    private final NotificationRepository notifications;
    private final ChannelQueue channels;
    private final ConnectionPusher pusher;
    private final Executor pushes;
    private final Clock clock;

    /** @param pushes runs the {@code notification} pushes of a batch side by side (each is one @connections call) */
    public SignalNotifier(NotificationRepository notifications, ChannelQueue channels, ConnectionPusher pusher,
                          Executor pushes, Clock clock) {
        this.notifications = notifications;
        this.channels = channels;
        this.pusher = pusher;
        this.pushes = pushes;
        this.clock = clock;
    }

    @Override
    public void notify(DeliveryBatch batch) {
        List<DeliveryBatch.Recipient> notified = batch.recipients().stream().filter(DeliveryBatch.Recipient::notified).toList();
        if (notified.isEmpty()) {
            return;
        }
        Map<String, NotificationPreferences> preferences = notifications.preferences(
                notified.stream().map(DeliveryBatch.Recipient::userId).toList());
        SignalEventMessage event = batch.event();
        String text = text(event);
        Map<String, DeliveryBatch.Recipient> byUser = new HashMap<>();
        List<Notification> candidates = new ArrayList<>();
        for (DeliveryBatch.Recipient recipient : notified) {
            byUser.put(recipient.userId(), recipient);
            candidates.add(new Notification(event.eventId(), recipient.userId(), event.webSocketEvent(),
                    title(event), text, event.strategyId(), event.signal().id(), false, clock.instant()));
        }
        List<ChannelMessage> outgoing = new ArrayList<>();
        List<CompletableFuture<Void>> pushed = new ArrayList<>();
        // users who have this event's row already (a redelivered batch) are left out: nothing twice
        for (Notification notification : notifications.recordNew(candidates)) {
            DeliveryBatch.Recipient recipient = byUser.get(notification.userId());
            NotificationPreferences prefs = preferences.getOrDefault(recipient.userId(), NotificationPreferences.DEFAULT);
            if (prefs.inAppEnabled()) {
                ServerMessage message = ServerMessage.of("notification", notification, clock.instant());
                String json = Json.write(message);
                for (String connectionId : recipient.connectionIds()) {
                    pushed.add(CompletableFuture.runAsync(() -> push(connectionId, message, json), pushes));
                }
            }
            if (prefs.telegramChatId() != null) {
                outgoing.add(new ChannelMessage(ChannelMessage.TELEGRAM, recipient.userId(), event.eventId(), text));
            }
            if (prefs.discordWebhookUrl() != null) {
                outgoing.add(new ChannelMessage(ChannelMessage.DISCORD, recipient.userId(), event.eventId(), text));
            }
        }
        if (!outgoing.isEmpty()) {
            channels.send(outgoing);
        }
        CompletableFuture.allOf(pushed.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * A {@code notification} push is best effort: its row is stored (the client lists it through the API), and failing
     * the batch would only send the signal again, never this push (the row is no longer new).
     */
    private void push(String connectionId, ServerMessage message, String json) {
        try {
            pusher.push(connectionId, message, json);
        } catch (RuntimeException e) {
            LOG.warn("Notification push {} to a connection failed: {}", message.event(), e.toString());
        }
    }

    static String title(SignalEventMessage event) {
        Signal signal = event.signal();
        return switch (event.webSocketEvent()) {
            case "signal_new" -> "New " + signal.side() + " signal on " + signal.pair();
            case "signal_update" -> "Signal on " + signal.pair() + " updated";
            default -> "Signal on " + signal.pair() + " ended: " + signal.status();
        };
    }

    static String text(SignalEventMessage event) {
        Signal signal = event.signal();
        StringBuilder text = new StringBuilder(title(event)).append('\n');
        text.append("Entry ").append(signal.entryPrice().toPlainString())
                .append(" | Stop ").append(signal.stopLoss().toPlainString())
                .append(" | Target ").append(signal.takeProfit().toPlainString());
        if (signal.exitPrice() != null) {
            text.append("\nExit ").append(signal.exitPrice().toPlainString()).append(" (")
                    .append(signal.resultPercent().toPlainString()).append(" %)");
        }
        return text.toString();
    }
}
