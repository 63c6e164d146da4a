package com.tradebot.marketdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Binary form of one chunk of bars: a count, then the columns (times as deltas), deflated. A full chunk of 1,440
 * bars is at most ~69 KB before compression, far below DynamoDB's 400 KB item limit.
 */
final class CandleChunkCodec {
    private CandleChunkCodec() {
    }

    static byte[] encode(CandleSeries s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.size() * 24 + 16);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeByte(1);
            out.writeInt(s.size());
            long previous = 0;
            for (long t : s.time()) {
                out.writeLong(t - previous);
                previous = t;
            }
            for (double[] column : new double[][] {s.open(), s.high(), s.low(), s.close(), s.volume()}) {
                for (double v : column) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Inflates the whole chunk in one call and reads the columns from a buffer: reading through a
     * {@code DataInputStream} over an {@code InflaterInputStream} cost one inflate call per value (8 bytes), which
     * was a third of a 9-month backtest's task time.
     */
    static CandleSeries decode(Timeframe timeframe, byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] head = new byte[5];
            inflate(inflater, head);
            ByteBuffer h = ByteBuffer.wrap(head);
            int version = h.get();
            if (version != 1) {
                throw new IllegalStateException("Unknown candle chunk version " + version);
            }
            int n = h.getInt();
            if (n < 0 || n > 10_000_000) {
                throw new IllegalStateException("Corrupt candle chunk: " + n + " bars");
            }
            byte[] body = new byte[n * 48];
            inflate(inflater, body);
            ByteBuffer in = ByteBuffer.wrap(body); // big-endian, as DataOutputStream wrote it
            long[] t = new long[n];
            long previous = 0;
            for (int i = 0; i < n; i++) {
                previous += in.getLong();
                t[i] = previous;
            }
            double[][] columns = new double[5][n];
            for (double[] column : columns) {
                in.asDoubleBuffer().get(column);
                in.position(in.position() + n * 8);
            }
            return new CandleSeries(timeframe, t, columns[0], columns[1], columns[2], columns[3], columns[4]);
        } catch (DataFormatException e) {
            throw new IllegalStateException("Corrupt candle chunk", e);
        } finally {
            inflater.end();
        }
    }

    private static void inflate(Inflater inflater, byte[] into) throws DataFormatException {
        int done = 0;
        while (done < into.length) {
            int got = inflater.inflate(into, done, into.length - done);
            if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                throw new IllegalStateException("Truncated candle chunk");
            }
            done += got;
        }
    }
}
