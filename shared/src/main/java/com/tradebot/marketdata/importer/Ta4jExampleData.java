package com.tradebot.marketdata.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real market data shipped inside {@code org.ta4j:ta4j-examples} (MIT), read as class-path resources:
 * Binance US ETH/USD 5-minute bars (2023-03-13..15) and a week of Bitstamp BTC/USD trades (2013-11-25..12-02),
 * which are aggregated here into 1-minute bars (coarser timeframes are resampled from those).
 */
public final class Ta4jExampleData {
    public static final DatasetKey BITSTAMP_BTC_USD = new DatasetKey("bitstamp", new MarketSymbol("BTC", "USD"), Timeframe.M1);
    public static final DatasetKey BINANCEUS_ETH_USD = new DatasetKey("binanceus", new MarketSymbol("ETH", "USD"), Timeframe.M5);

    private static final String BITSTAMP_TRADES = "/bitstamp_trades_from_20131125_usd.csv";
    private static final String BINANCEUS_ETH = "/ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    private Ta4jExampleData() {
    }

    /** Bitstamp trades ({@code timestamp,price,amount}) aggregated into 1-minute bars; minutes without trades are gaps. */
    public static CandleSeries bitstampBtcUsd() {
        try (InputStream in = resource(BITSTAMP_TRADES);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            TradeAggregator bars = new TradeAggregator(Timeframe.M1);
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int a = line.indexOf(',');
                int b = line.indexOf(',', a + 1);
                bars.add(Long.parseLong(line.substring(0, a)) * 1000L, Double.parseDouble(line.substring(a + 1, b)),
                        Double.parseDouble(line.substring(b + 1)));
            }
            return bars.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Binance US 5-minute bars; the file gives each bar's end time (inclusive), the store keys bars by open time. */
    public static CandleSeries binanceUsEthUsd() {
        try (InputStream in = resource(BINANCEUS_ETH)) {
            JsonNode root = new ObjectMapper().readTree(in);
            CandleSeries.Builder bars = new CandleSeries.Builder(Timeframe.M5);
            for (JsonNode bar : root.get("ohlc")) {
                long openTime = bar.get("endTime").asLong() + 1 - Timeframe.M5.millis();
                bars.add(openTime, bar.get("openPrice").asDouble(), bar.get("highPrice").asDouble(),
                        bar.get("lowPrice").asDouble(), bar.get("closePrice").asDouble(), bar.get("volume").asDouble());
            }
            return bars.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Ta4jExampleData.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("ta4j-examples data file " + name + " is not on the class path");
        }
        return in;
    }

    /** Trades in time order into OHLCV bars. */
    static final class TradeAggregator {
        private final Timeframe timeframe;
        private final CandleSeries.Builder out;
        private long bucket = Long.MIN_VALUE;
        private double open;
        private double high;
        private double low;
        private double close;
        private double volume;

        TradeAggregator(Timeframe timeframe) {
            this.timeframe = timeframe;
            this.out = new CandleSeries.Builder(timeframe, 16_384);
        }

        void add(long timeMs, double price, double amount) {
            long b = Math.floorDiv(timeMs, timeframe.millis()) * timeframe.millis();
            if (b != bucket) {
                flush();
                bucket = b;
                open = high = low = close = price;
                volume = 0;
            }
            high = Math.max(high, price);
            low = Math.min(low, price);
            close = price;
            volume += amount;
        }

        private void flush() {
            if (bucket != Long.MIN_VALUE) {
                out.add(bucket, open, high, low, close, volume);
            }
        }

        CandleSeries build() {
            flush();
            bucket = Long.MIN_VALUE;
            return out.build();
        }
    }
}
