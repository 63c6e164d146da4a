package com.tradebot.trading.exchange;

import java.util.List;

/** Public market data of one exchange; needs no key. */
public interface MarketDataClient {
    Ticker ticker(Symbol symbol);

    /** The most recent {@code limit} candles, oldest first (the last one may still be open). */
    List<Kline> klines(Symbol symbol, KlineInterval interval, int limit);

    BookTop bookTop(Symbol symbol);
}
