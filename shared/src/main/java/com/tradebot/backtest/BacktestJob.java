package com.tradebot.backtest;

import java.time.Instant;

/** A backtest job as stored: who asked, what (the request body), where it stands, and a small summary when done. */
public record BacktestJob(String id, String userId, BacktestKind kind, BacktestStatus status, String request,
                          Instant createdAt, Instant updatedAt, long totalItems, long completedItems, String error,
                          String summary) {
    public double progress() {
        if (status == BacktestStatus.SUCCEEDED) {
            return 1;
        }
        return totalItems == 0 ? 0 : Math.min(1, (double) completedItems / totalItems);
    }
}
