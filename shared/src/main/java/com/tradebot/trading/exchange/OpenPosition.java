package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/** A futures position held on the exchange; {@code size} is positive, {@code side} tells long (BUY) or short. */
public record OpenPosition(Symbol symbol, Side side, BigDecimal size, BigDecimal entryPrice,
                           BigDecimal unrealisedPnl, Integer leverage) {
}
