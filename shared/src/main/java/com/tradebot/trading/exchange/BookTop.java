package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/** The best bid and ask with their quantities. */
public record BookTop(Symbol symbol, BigDecimal bidPrice, BigDecimal bidQuantity, BigDecimal askPrice,
                      BigDecimal askQuantity) {
}
