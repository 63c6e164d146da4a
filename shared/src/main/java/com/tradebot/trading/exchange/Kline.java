package com.tradebot.trading.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** One candle as the exchange reports it; {@code openTime} is the start of its interval. */
public record Kline(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                    BigDecimal volume) {
}
