package com.tradebot.signal;

import java.math.BigDecimal;

/** One take-profit level: close {@code percent} of the position at {@code price}. */
public record TakeProfit(BigDecimal price, BigDecimal percent) {
}
