package com.tradebot.notification.channel;

import com.tradebot.notification.ChannelMessage;
import com.tradebot.notification.NotificationPreferences;
import com.tradebot.notification.NotificationRepository;
import java.time.Clock;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The notify worker's service: sends one queued message to Telegram or Discord, at most once per user, channel and
 * event (a sent-marker after success), within a per-channel rate, and tells the queue when to try again: the wait
 * the service asked for on 429, exponential back-off on 5xx and network errors. After the queue's maxReceiveCount
 * the message goes to the notify DLQ. Failures here never touch WebSocket delivery, which finished before.
 */
public final class ChannelNotifier {
    private static final Logger LOG = LogManager.getLogger(ChannelNotifier.class);
    static final long MAX_BACKOFF_SECONDS = 900;

    private final NotificationRepository notifications;
    private final Map<String, ChannelSender> senders;
    private final Map<String, RateLimiter> limits;
    static final long DEFAULT_BACKOFF_BASE_SECONDS = 5;

    private final Clock clock;
    private final long backoffBaseSeconds;

    public ChannelNotifier(NotificationRepository notifications, Map<String, ChannelSender> senders,
                           Map<String, RateLimiter> limits, Clock clock) {
        this(notifications, senders, limits, clock, DEFAULT_BACKOFF_BASE_SECONDS);
    }

    /** @param backoffBaseSeconds the first wait after a 5xx or network error, doubled at each further receive */
    public ChannelNotifier(NotificationRepository notifications, Map<String, ChannelSender> senders,
                           Map<String, RateLimiter> limits, Clock clock, long backoffBaseSeconds) {
        if (backoffBaseSeconds < 1) {
            throw new IllegalArgumentException("backoff base must be at least 1 s");
        }
        this.notifications = notifications;
        this.senders = senders;
        this.limits = limits;
        this.clock = clock;
        this.backoffBaseSeconds = backoffBaseSeconds;
    }

    /** Done, or try again after {@code retryAfterSeconds}. */
    public record Outcome(boolean done, long retryAfterSeconds, String reason) {
        static Outcome done(String reason) {
            return new Outcome(true, 0, reason);
        }
    }

    public Outcome process(ChannelMessage message, int receiveCount) {
        NotificationPreferences preferences = notifications.preferences(message.userId());
        String destination = ChannelMessage.TELEGRAM.equals(message.channel()) ? preferences.telegramChatId()
                : ChannelMessage.DISCORD.equals(message.channel()) ? preferences.discordWebhookUrl() : null;
        ChannelSender sender = senders.get(message.channel());
        if (destination == null || sender == null) {
            return Outcome.done("channel turned off or unknown");
        }
        if (notifications.alreadySent(message.userId(), message.channel(), message.eventId())) {
            return Outcome.done("already sent");
        }
        RateLimiter limit = limits.get(message.channel());
        if (limit != null && !limit.tryAcquire()) {
            return new Outcome(false, 1, "local rate limit");
        }
        ChannelResult result = sender.send(destination, message.text());
        switch (result.outcome()) {
            case SENT -> {
                notifications.markSent(message.userId(), message.channel(), message.eventId(), clock.instant());
                return Outcome.done("sent");
            }
            case REFUSED -> {
                LOG.warn("{} refused event {} for a user: {} {}", message.channel(), message.eventId(),
                        result.status(), result.description());
                return Outcome.done("refused " + result.status());
            }
            default -> {
                long wait = result.retryAfterSeconds() > 0 ? result.retryAfterSeconds()
                        : backoff(backoffBaseSeconds, receiveCount);
                LOG.warn("{} answered {} for event {}; retry in {} s (receive {})", message.channel(), result.status(),
                        message.eventId(), wait, receiveCount);
                return new Outcome(false, Math.min(wait, MAX_BACKOFF_SECONDS), "retry " + result.status());
            }
        }
    }

    /** 5, 10, 20, 40… seconds by receive count (with the default base), at most 15 minutes. */
    static long backoff(int receiveCount) {
        return backoff(DEFAULT_BACKOFF_BASE_SECONDS, receiveCount);
    }

    static long backoff(long baseSeconds, int receiveCount) {
        return Math.min(MAX_BACKOFF_SECONDS, baseSeconds << Math.min(20, Math.max(0, receiveCount - 1)));
    }
}
