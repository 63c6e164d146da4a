package com.tradebot.marketdata;

import java.util.Locale;

/** Which candles: exchange (lower case), pair and bar duration. */
public record DatasetKey(String exchange, MarketSymbol symbol, Timeframe timeframe) {
    public DatasetKey {
        if (exchange == null || !exchange.matches("[a-zA-Z0-9_.-]{1,40}")) {
            throw new IllegalArgumentException("Invalid exchange name: " + exchange);
        }
        exchange = exchange.toLowerCase(Locale.ROOT);
    }

    public static DatasetKey of(String exchange, String symbol, String timeframe) {
        return new DatasetKey(exchange, MarketSymbol.parse(symbol), Timeframe.parse(timeframe));
    }

    public DatasetKey withTimeframe(Timeframe other) {
        return new DatasetKey(exchange, symbol, other);
    }

    /** {@code bitstamp:BTC/USD:1m} */
    @Override
    public String toString() {
        return exchange + ":" + symbol + ":" + timeframe;
    }
}
