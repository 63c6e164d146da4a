package com.tradebot.marketdata;

import java.time.Instant;

/** Bars missing between two consecutive bars: {@code from} is the first missing open time. */
public record Gap(Instant from, Instant to, long missingBars) {
}
