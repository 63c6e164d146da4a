package com.tradebot.marketdata;

import com.tradebot.common.ApiException;
import com.tradebot.marketdata.importer.BinanceKlineCsv;
import com.tradebot.marketdata.importer.SeedHistoricalJson;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Lists, loads (resampling from a finer dataset when needed) and imports candles. */
public final class MarketDataService {
    private final CandleStore store;

    public MarketDataService(CandleStore store) {
        this.store = store;
    }

    public List<Dataset> datasets() {
        return store.datasets().stream()
                .sorted(Comparator.comparing((Dataset d) -> d.key().toString()))
                .toList();
    }

    /**
     * Bars of {@code timeframe} in {@code [fromMs, toMs)}. When the exact timeframe is not stored, the finest stored
     * dataset of the same exchange and symbol it divides into is resampled. {@code exchange} may be null: the first
     * exchange holding the symbol is used.
     */
    public CandleSeries load(String exchange, MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs) {
        Dataset source = source(exchange, symbol, timeframe).orElseThrow(() -> ApiException.badRequest("NO_DATA",
                "No market data for " + symbol + " " + timeframe + (exchange == null ? "" : " on " + exchange)
                        + "; see GET /api/market-data/datasets"));
        // widen to whole target bars so resampling never builds a partial first or last bar
        long step = timeframe.millis();
        long from = Math.floorDiv(fromMs, step) * step;
        long to = Math.floorDiv(toMs + step - 1, step) * step;
        CandleSeries bars = Resampler.resample(store.read(source.key(), from, to), timeframe);
        if (bars.isEmpty()) {
            throw ApiException.badRequest("NO_DATA", "No bars of " + source.key() + " between "
                    + java.time.Instant.ofEpochMilli(fromMs) + " and " + java.time.Instant.ofEpochMilli(toMs)
                    + " (data covers " + source.from() + " .. " + source.to() + ")");
        }
        return bars;
    }

    /** One page of stored bars: the dataset read, the bars, and where the next page starts (null after the last). */
    public record CandlePage(Dataset source, CandleSeries bars, Long nextFromMs) {
    }

    /**
     * At most {@code limit} bars of {@code timeframe} from {@code fromMs} on, before {@code toMs}, resampled like
     * {@link #load} when the timeframe is not stored. Only the page's own window is read (never the whole range), so
     * a chart can page through months of 1m bars; a page may hold fewer bars than {@code limit} where the data has
     * gaps, and an empty window (outside the data) is an empty page, not an error.
     */
    public CandlePage page(String exchange, MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs,
                           int limit) {
        Dataset source = source(exchange, symbol, timeframe).orElseThrow(() -> ApiException.badRequest("NO_DATA",
                "No market data for " + symbol + " " + timeframe + (exchange == null ? "" : " on " + exchange)
                        + "; see GET /api/market-data/datasets"));
        long step = timeframe.millis();
        // clamp to the data so an open-ended request starts at the first bar and ends after the last
        long dataFrom = Math.floorDiv(source.from().toEpochMilli(), step) * step;
        long dataTo = Math.floorDiv(source.to().toEpochMilli(), step) * step + step;
        long from = Math.max(Math.floorDiv(fromMs, step) * step, dataFrom);
        long to = Math.min(toMs, dataTo);
        if (to <= from) {
            return new CandlePage(source, CandleSeries.empty(timeframe), null);
        }
        long windowEnd = Math.min(to, from + limit * step);
        CandleSeries bars = Resampler.resample(store.read(source.key(), from, windowEnd), timeframe);
        return new CandlePage(source, bars, windowEnd < to ? windowEnd : null);
    }

    public Optional<Dataset> source(String exchange, MarketSymbol symbol, Timeframe timeframe) {
        return store.datasets().stream()
                .filter(d -> exchange == null || d.key().exchange().equalsIgnoreCase(exchange))
                .filter(d -> d.key().symbol().equals(symbol))
                .filter(d -> timeframe.isMultipleOf(d.key().timeframe()))
                .max(Comparator.comparingLong((Dataset d) -> d.key().timeframe().millis())
                        .thenComparing(d -> d.key().exchange()));
    }

    /** Loads the ta4j-examples data sets unless they are already there; safe to call on every start. */
    public List<Dataset> importBundled() {
        return List.of(importIfMissing(Ta4jExampleData.BITSTAMP_BTC_USD, Ta4jExampleData::bitstampBtcUsd),
                importIfMissing(Ta4jExampleData.BINANCEUS_ETH_USD, Ta4jExampleData::binanceUsEthUsd));
    }

    private Dataset importIfMissing(DatasetKey key, java.util.function.Supplier<CandleSeries> bars) {
        return store.dataset(key).orElseGet(() -> store.write(key, bars.get()));
    }

    /** Supported import formats. */
    public enum Format { BINANCE_CSV, BINANCE_ZIP, SEED_JSON }

    public Dataset importFile(DatasetKey key, Format format, byte[] content) {
        CandleSeries bars;
        try {
            bars = switch (format) {
                case BINANCE_CSV -> BinanceKlineCsv.read(new ByteArrayInputStream(content), false, key.timeframe());
                case BINANCE_ZIP -> BinanceKlineCsv.read(new ByteArrayInputStream(content), true, key.timeframe());
                case SEED_JSON -> SeedHistoricalJson.read(new ByteArrayInputStream(content), key.timeframe());
            };
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_MARKET_DATA", "Cannot read the file: " + e.getMessage());
        }
        if (bars.isEmpty()) {
            throw ApiException.badRequest("INVALID_MARKET_DATA", "The file holds no candles");
        }
        return store.write(key, bars);
    }

    /** At most this many bars per download request (a REST call has 29 s on API Gateway). */
    public static final long MAX_DOWNLOAD_BARS = 200_000;

    /** Downloads public klines from an exchange (paged, backing off when rate-limited) and stores them. */
    public Dataset download(com.tradebot.marketdata.download.KlineDownloader downloader, DatasetKey key, long fromMs,
                            long toMs) {
        if (toMs <= fromMs) {
            throw ApiException.badRequest("VALIDATION_FAILED", "endDate must be after startDate");
        }
        if ((toMs - fromMs) / key.timeframe().millis() > MAX_DOWNLOAD_BARS) {
            throw ApiException.badRequest("VALIDATION_FAILED", "At most " + MAX_DOWNLOAD_BARS
                    + " bars per download; split the period");
        }
        CandleSeries bars;
        try {
            bars = downloader.download(key.symbol(), key.timeframe(), fromMs, toMs);
        } catch (IOException e) {
            throw new ApiException(502, "EXCHANGE_UNAVAILABLE", "Download from " + key.exchange() + " failed: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "INTERRUPTED", "Download interrupted");
        }
        if (bars.isEmpty()) {
            throw ApiException.badRequest("NO_DATA", key.exchange() + " has no " + key.symbol() + " " + key.timeframe()
                    + " bars in that period");
        }
        return store.write(key, bars);
    }

    public Dataset importSeries(DatasetKey key, CandleSeries bars) {
        return store.write(key, bars);
    }
}
