package com.tradebot.backtest;

/** Starts the state machine of a job (Step Functions at the edge). */
public interface JobStarter {
    void start(String jobId, BacktestKind kind);
}
