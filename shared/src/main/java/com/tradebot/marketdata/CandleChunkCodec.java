package com.tradebot.marketdata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

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

    static CandleSeries decode(Timeframe timeframe, byte[] data) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            int version = in.readByte();
            if (version != 1) {
                throw new IllegalStateException("Unknown candle chunk version " + version);
            }
            int n = in.readInt();
            long[] t = new long[n];
            long previous = 0;
            for (int i = 0; i < n; i++) {
                previous += in.readLong();
                t[i] = previous;
            }
            double[][] columns = new double[5][n];
            for (double[] column : columns) {
                for (int i = 0; i < n; i++) {
                    column[i] = in.readDouble();
                }
            }
            return new CandleSeries(timeframe, t, columns[0], columns[1], columns[2], columns[3], columns[4]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
