package com.tradebot.backtest.engine;

import java.util.List;

/** Trades and the mark-to-market equity at each bar's close. */
public record SimulationResult(List<Trade> trades, double[] equity, int barsInPosition, int firstTradableBar) {
    public double finalEquity() {
        return equity.length == 0 ? 0 : equity[equity.length - 1];
    }
}
