package com.tradebot.backtest.engine;

/** One closed position. Indexes are bar positions in the simulated series (fills happen at those bars). */
public record Trade(boolean isLong, int entryIndex, long entryTime, double entryPrice, int exitIndex, long exitTime,
                    double exitPrice, double quantity, double pnl, double fees, ExitReason exitReason) {
    public double returnOnNotional() {
        return pnl / (entryPrice * quantity);
    }
}
