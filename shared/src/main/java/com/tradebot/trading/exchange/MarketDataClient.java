package com.tradebot.trading.exchange;

import java.util.List;

/** Public market data of one exchange; needs no key. */
public interface MarketDataClient {
    Ticker ticker(Symbol symbol);

    /** The most recent {@code limit} candles, oldest first (the last one may still be open). */
    List<Kline> klines(Symbol symbol, KlineInterval interval, int limit);

    BookTop bookTop(Symbol symbol);

    /** The symbol's lot, tick and notional rules as the exchange publishes them. */
    default SymbolFilters filters(Symbol symbol) {
        throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "This exchange's symbol filters are not read here");
    }
}
