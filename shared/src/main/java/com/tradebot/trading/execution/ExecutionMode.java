package com.tradebot.trading.execution;

/** Where a subscription's signals are executed: simulated fills (no key, no 2FA) or the user's exchange account. */
public enum ExecutionMode {
    PAPER, LIVE
}
