package com.tradebot.trading.exchange;

/** What an exchange key may be used for: reading balances and orders, or also trading. */
public enum KeyRight {
    READ, TRADE
}
