package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/** One asset of a wallet: what is free to trade and what is held by open orders. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {
    public BigDecimal total() {
        return free.add(locked);
    }
}
