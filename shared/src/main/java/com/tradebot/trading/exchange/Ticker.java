package com.tradebot.trading.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** Last price and best bid/ask; {@code volume} is the 24-hour base volume where the exchange reports it. */
public record Ticker(Symbol symbol, BigDecimal last, BigDecimal bid, BigDecimal ask, BigDecimal volume,
                     Instant timestamp) {
}
