package com.tradebot.trading.exchange;

/** Order types the platform places; a stop order triggers at its stop price and then fills at market. */
public enum OrderType {
    MARKET, LIMIT, STOP_MARKET
}
