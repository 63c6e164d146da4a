package com.tradebot.realtime;

/** Who may receive a strategy's signals over WebSocket: its live subscribers and its owner. */
@FunctionalInterface
public interface SignalAccess {
    /** Refuses everyone: for functions that never subscribe connections. */
    SignalAccess NONE = (userId, strategyId) -> false;

    boolean mayReceive(String userId, String strategyId);
}
