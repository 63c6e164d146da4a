package com.tradebot.trading.paper;

import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.CandleStore;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Kline;
import com.tradebot.trading.exchange.KlineInterval;
import com.tradebot.trading.exchange.Symbol;
import java.time.Instant;
import java.util.List;

/**
 * Closed candles of live paper sessions: fetched from the exchange's public klines (through the exchange manager,
 * so XChange and its back-off) and kept in the candle store under the exchange's own dataset, where backtests find
 * them too. A candle still open at {@code now} is never kept: a session decides on closes only.
 */
public final class LiveCandles {
    /** The most klines one request returns on every supported exchange (Binance's maximum is 1,000). */
    static final int MAX_FETCH = 1000;

    private final ExchangeGateway exchanges;
    private final CandleStore store;

    public LiveCandles(ExchangeGateway exchanges, CandleStore store) {
        this.exchanges = exchanges;
        this.store = store;
    }

    /**
     * Fetches the candles closed after {@code after} (or the last {@code count} closed ones when {@code after} is
     * null) and stores them; the open time of the newest closed candle fetched, null when none.
     */
    public Instant fetchClosed(DatasetKey key, Instant after, int count, Instant now) {
        KlineInterval interval = KlineInterval.parse(key.timeframe().code()).orElseThrow();
        long length = interval.length().toMillis();
        int limit = after == null ? count + 1
                : (int) Math.min(MAX_FETCH, Math.max(2, (now.toEpochMilli() - after.toEpochMilli()) / length + 1));
        List<Kline> klines = exchanges.marketData(key.exchange())
                .klines(Symbol.spot(key.symbol().toString()), interval, Math.min(MAX_FETCH, limit));
        List<Kline> wanted = klines.stream().filter(k -> k.openTime().toEpochMilli() + length <= now.toEpochMilli())
                .filter(k -> after == null || k.openTime().isAfter(after)).toList();
        if (after == null && wanted.size() > count) { // a seed is the newest count candles, whatever came
            wanted = wanted.subList(wanted.size() - count, wanted.size());
        }
        CandleSeries.Builder closed = new CandleSeries.Builder(key.timeframe(), wanted.size());
        Instant newest = null;
        for (Kline k : wanted) {
            long open = k.openTime().toEpochMilli();
            closed.add(open, k.open().doubleValue(), k.high().doubleValue(), k.low().doubleValue(),
                    k.close().doubleValue(), k.volume().doubleValue());
            newest = k.openTime();
        }
        if (closed.size() > 0) {
            store.write(key, closed.build());
        }
        return newest;
    }

    /** Stored bars of {@code [from, to)}. */
    public CandleSeries load(DatasetKey key, Instant from, Instant to) {
        return store.read(key, from.toEpochMilli(), to.toEpochMilli());
    }
}
