package com.tradebot.trading.exchange;

/** Life cycle of an order as every exchange reports it, once mapped. */
public enum OrderState {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, UNKNOWN;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
