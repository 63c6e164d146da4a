package com.tradebot.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunk codec round-trips a full day of bars exactly and refuses damaged data. */
class CandleChunkCodecTest {
    @Test
    void aFullChunkRoundTripsBitForBit() {
        int n = 1_440;
        Random random = new Random(3);
        long[] t = new long[n];
        double[][] c = new double[5][n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + i * 300_000L + (i > 700 ? 600_000L : 0); // a gap in the middle
            for (double[] column : c) {
                column[i] = random.nextDouble() * 40_000;
            }
        }
        CandleSeries bars = new CandleSeries(Timeframe.parse("5m"), t, c[0], c[1], c[2], c[3], c[4]);
        CandleSeries back = CandleChunkCodec.decode(Timeframe.parse("5m"), CandleChunkCodec.encode(bars));
        assertThat(back.time()).isEqualTo(t);
        assertThat(back.open()).isEqualTo(c[0]);
        assertThat(back.high()).isEqualTo(c[1]);
        assertThat(back.low()).isEqualTo(c[2]);
        assertThat(back.close()).isEqualTo(c[3]);
        assertThat(back.volume()).isEqualTo(c[4]);
    }

    @Test
    void truncatedDataIsRefused() {
        CandleSeries one = new CandleSeries(Timeframe.parse("1m"), new long[] {60_000}, new double[] {1},
                new double[] {2}, new double[] {0.5}, new double[] {1.5}, new double[] {10});
        byte[] data = CandleChunkCodec.encode(one);
        assertThatThrownBy(() -> CandleChunkCodec.decode(Timeframe.parse("1m"), Arrays.copyOf(data, data.length / 2)))
                .isInstanceOf(IllegalStateException.class);
    }
}
