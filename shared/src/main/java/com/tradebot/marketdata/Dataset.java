package com.tradebot.marketdata;

import java.time.Instant;

/** What the store holds for one key: first and last bar open time, bar count and gaps found at import. */
public record Dataset(DatasetKey key, Instant from, Instant to, long bars, int gaps, long missingBars) {
}
