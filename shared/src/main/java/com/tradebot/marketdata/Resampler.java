package com.tradebot.marketdata;

/** Builds bars of a larger timeframe from smaller ones (open of the first, high/low extremes, close of the last). */
public final class Resampler {
    private Resampler() {
    }

    public static CandleSeries resample(CandleSeries source, Timeframe target) {
        if (source.timeframe() == target) {
            return source;
        }
        if (!target.isMultipleOf(source.timeframe())) {
            throw new IllegalArgumentException("Cannot build " + target + " bars from " + source.timeframe() + " bars");
        }
        long step = target.millis();
        CandleSeries.Builder out = new CandleSeries.Builder(target, source.size() / 2 + 1);
        long[] t = source.time();
        int i = 0;
        int n = source.size();
        while (i < n) {
            long bucket = Math.floorDiv(t[i], step) * step;
            double o = source.open()[i];
            double h = source.high()[i];
            double l = source.low()[i];
            double c = source.close()[i];
            double v = source.volume()[i];
            i++;
            while (i < n && t[i] < bucket + step) {
                h = Math.max(h, source.high()[i]);
                l = Math.min(l, source.low()[i]);
                c = source.close()[i];
                v += source.volume()[i];
                i++;
            }
            out.add(bucket, o, h, l, c, v);
        }
        return out.build();
    }
}
