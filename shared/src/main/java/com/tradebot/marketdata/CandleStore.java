package com.tradebot.marketdata;

import java.util.List;
import java.util.Optional;

/**
 * Where candles live. The backtest engine reads through this interface only, so a different store (files, a
 * time-series database) can replace the DynamoDB one without touching the engine.
 */
public interface CandleStore {
    /** Adds or replaces bars (same open time = replaced) and refreshes the dataset's catalogue entry. */
    Dataset write(DatasetKey key, CandleSeries bars);

    /** Bars with {@code fromMs <= openTime < toMs}; empty when there are none. */
    CandleSeries read(DatasetKey key, long fromMs, long toMs);

    List<Dataset> datasets();

    Optional<Dataset> dataset(DatasetKey key);
}
