package com.tradebot.backtest;

public enum BacktestKind { RUN, BATCH, OPTIMIZE }
