package com.tradebot.backtest;

public enum BacktestStatus { RUNNING, SUCCEEDED, FAILED }
