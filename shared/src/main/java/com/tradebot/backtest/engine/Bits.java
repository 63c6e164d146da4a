package com.tradebot.backtest.engine;

/**
 * Per-bar flags packed 64 to a {@code long} (bit {@code i % 64} of word {@code i / 64} is bar i). Signals are kept
 * this way so that combining conditions costs one word operation per 64 bars and the fused simulator can jump over
 * stretches without a signal with {@link Long#numberOfTrailingZeros}. Hand-written rather than {@link java.util.BitSet}
 * because the hot loops need the raw words (no bounds growth, no copies).
 */
public final class Bits {
    private Bits() {
    }

    public static long[] create(int bars) {
        return new long[(bars + 63) >>> 6];
    }

    public static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    public static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    public static long[] of(boolean[] flags) {
        long[] out = create(flags.length);
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                set(out, i);
            }
        }
        return out;
    }

    /** The first set bit at or after {@code from} and before {@code to}, or {@code to} when there is none. */
    public static int next(long[] bits, int from, int to) {
        if (from >= to) {
            return to;
        }
        int w = from >>> 6;
        long word = bits[w] & (-1L << from);
        int last = (to - 1) >>> 6;
        while (true) {
            if (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                return Math.min(i, to);
            }
            if (++w > last) {
                return to;
            }
            word = bits[w];
        }
    }

    /** Bars {@code [from, to)} as a new bit array starting at bar 0. */
    public static long[] range(long[] bits, int from, int to) {
        long[] out = create(to - from);
        for (int i = from; i < to; i++) {
            if (get(bits, i)) {
                set(out, i - from);
            }
        }
        return out;
    }

    /** Clears the bits past the last bar (left set by {@code not}) so scans never find them. */
    static void clearTail(long[] bits, int bars) {
        if ((bars & 63) != 0 && bits.length > 0) {
            bits[bits.length - 1] &= (1L << bars) - 1;
        }
    }
}
