package com.tradebot.trading.position;

/** PENDING_ENTRY: the entry is a resting limit order; OPEN: (partly) filled; CLOSED: exited. */
public enum PositionStatus {
    PENDING_ENTRY, OPEN, CLOSED;

    public boolean live() {
        return this != CLOSED;
    }
}
