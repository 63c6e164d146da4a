package com.tradebot.marketdata.importer;

import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Binance's public kline files (data.binance.vision), plain {@code .csv} or the published {@code .zip}:
 * {@code open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore},
 * with or without a header line. Spot files from 2025 on give times in microseconds; both units are accepted.
 */
public final class BinanceKlineCsv {
    private static final long MICROS_THRESHOLD = 100_000_000_000_000L; // epoch ms stays below this until year 5138

    private BinanceKlineCsv() {
    }

    public static CandleSeries read(InputStream in, boolean zipped, Timeframe timeframe) throws IOException {
        if (zipped) {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.isDirectory() && entry.getName().toLowerCase().endsWith(".csv")) {
                    return parse(zip, timeframe);
                }
            }
            throw new IllegalArgumentException("The zip file holds no .csv file");
        }
        return parse(in, timeframe);
    }

    private static CandleSeries parse(InputStream in, Timeframe timeframe) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        CandleSeries.Builder bars = new CandleSeries.Builder(timeframe);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || (number == 1 && !Character.isDigit(line.charAt(0)))) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 6) {
                throw new IllegalArgumentException("Line " + number + ": expected at least 6 columns, found " + f.length);
            }
            try {
                long openTime = Long.parseLong(f[0].trim());
                if (openTime >= MICROS_THRESHOLD) {
                    openTime /= 1000;
                }
                bars.add(openTime, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Line " + number + ": not a number (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + number + ": " + e.getMessage());
            }
        }
        return bars.build();
    }
}
