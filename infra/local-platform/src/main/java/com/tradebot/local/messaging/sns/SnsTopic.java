package com.tradebot.local.messaging.sns;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A topic and its subscriptions. A FIFO topic also numbers its messages and drops a repeated deduplication id
 * within SNS's five-minute deduplication window.
 */
public final class SnsTopic {

    private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    private final String name;
    private final String arn;
    private final boolean fifo;
    private final List<SnsSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, Deduplicated> recentlyPublished = new HashMap<>();
    private long lastSequenceNumber;

    public SnsTopic(String name, String arn, boolean fifo) {
        this.name = name;
        this.arn = arn;
        this.fifo = fifo;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public boolean fifo() {
        return fifo;
    }

    public List<SnsSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    void subscribe(SnsSubscription subscription) {
        subscriptions.add(subscription);
    }

    /** The result of an earlier publish with this deduplication id inside the window, or null. Caller holds the lock. */
    PublishResult duplicateOf(String deduplicationId, Instant now) {
        recentlyPublished.values().removeIf(entry -> entry.publishedAt().plus(DEDUPLICATION_WINDOW).isBefore(now));
        Deduplicated earlier = recentlyPublished.get(deduplicationId);
        return earlier == null ? null : earlier.result();
    }

    void remember(String deduplicationId, PublishResult result, Instant now) {
        recentlyPublished.put(deduplicationId, new Deduplicated(result, now));
    }

    /** SNS FIFO sequence numbers are 20-digit, strictly increasing per topic. Caller holds the lock. */
    String nextSequenceNumber() {
        return String.format("%020d", ++lastSequenceNumber);
    }

    private record Deduplicated(PublishResult result, Instant publishedAt) {
    }
}
