package com.tradebot.signal;

import java.util.Set;

/** A signal's lifecycle: ACTIVE until it ends in one of the terminal states; nothing leaves a terminal state. */
public enum SignalStatus {
    ACTIVE, TP_HIT, SL_HIT, CLOSED, CANCELLED;

    private static final Set<SignalStatus> TERMINAL = Set.of(TP_HIT, SL_HIT, CLOSED, CANCELLED);

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean canBecome(SignalStatus next) {
        return this == ACTIVE && next != ACTIVE;
    }
}
