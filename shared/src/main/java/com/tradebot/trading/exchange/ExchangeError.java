package com.tradebot.trading.exchange;

/** Why an exchange call failed, in the platform's words rather than each exchange's codes. */
public enum ExchangeError {
    /** Not enough free balance or margin for the order. */
    INSUFFICIENT_BALANCE,
    /** The exchange does not list the symbol (or not on that market). */
    INVALID_SYMBOL,
    /** Too many requests; {@link ExchangeException#retryAfter()} says how long to wait when the exchange said. */
    RATE_LIMITED,
    /** Key unknown, secret wrong (bad signature), key expired, IP not whitelisted, or the key lacks a right. */
    BAD_CREDENTIALS,
    /** The order was refused as malformed (quantity under the minimum, price off the tick, ...). */
    INVALID_ORDER,
    /** No order with that id. */
    ORDER_NOT_FOUND,
    /** A clientOrderId that is already in use: the order was placed before. */
    DUPLICATE_ORDER,
    /** This adapter or exchange does not offer the operation (e.g. futures on an exchange we trade spot only). */
    NOT_SUPPORTED,
    /** Exchange down, timed out or answered something we could not understand. */
    UNAVAILABLE
}
