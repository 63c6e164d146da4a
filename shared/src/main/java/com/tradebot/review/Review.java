package com.tradebot.review;

import java.time.Instant;

/** One user's review of a strategy (one per user and strategy). */
public record Review(String strategyId, String userId, int rating, String text, Instant createdAt) {
}
