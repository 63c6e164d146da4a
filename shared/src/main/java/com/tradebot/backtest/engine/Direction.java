package com.tradebot.backtest.engine;

/** Which sides of a strategy a backtest trades. */
public enum Direction { LONG, SHORT, BOTH }
