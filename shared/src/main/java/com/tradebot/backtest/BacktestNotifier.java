package com.tradebot.backtest;

/** Tells the owner a job finished (the {@code backtest_completed} WebSocket event at the edge). */
public interface BacktestNotifier {
    void finished(BacktestJob job);
}
