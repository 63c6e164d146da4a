package com.tradebot.marketdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds runs of missing bars between consecutive bars of a series. */
public final class GapDetector {
    private GapDetector() {
    }

    public static List<Gap> gaps(CandleSeries series) {
        List<Gap> gaps = new ArrayList<>();
        long step = series.timeframe().millis();
        long[] t = series.time();
        for (int i = 1; i < t.length; i++) {
            long missing = (t[i] - t[i - 1]) / step - 1;
            if (missing > 0) {
                gaps.add(new Gap(Instant.ofEpochMilli(t[i - 1] + step), Instant.ofEpochMilli(t[i] - step), missing));
            }
        }
        return gaps;
    }
}
