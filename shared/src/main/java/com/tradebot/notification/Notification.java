package com.tradebot.notification;

import java.time.Instant;

/** An in-app notification; its id is the event it reports, so a user has at most one per event. */
public record Notification(String id, String userId, String kind, String title, String body, String strategyId,
                           String signalId, boolean read, Instant createdAt) {
}
