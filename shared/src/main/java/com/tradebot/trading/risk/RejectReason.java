package com.tradebot.trading.risk;

/** Why a signal was not executed for a follower; recorded and notified. */
public enum RejectReason {
    AUTO_TRADE_OFF,
    PAIR_NOT_ALLOWED,
    STOP_MISSING,
    STOP_ON_WRONG_SIDE,
    SHORT_ON_SPOT,
    LEVERAGE_TOO_HIGH,
    MAX_OPEN_POSITIONS,
    DAILY_LOSS_LIMIT,
    NO_EQUITY,
    SIZE_BELOW_MINIMUM,
    /** The price moved outside the band around the signal's entry: missed, not chased. */
    MISSED_PRICE_BAND,
    /** The signal is older than the entry time limit: missed. */
    MISSED_TIME_LIMIT
}
