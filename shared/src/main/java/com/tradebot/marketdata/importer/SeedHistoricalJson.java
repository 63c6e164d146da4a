package com.tradebot.marketdata.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The seed project's layout {@code historical_data/<exchange>/<SYMBOL>_<tf>.json}. A file holds either ccxt's
 * {@code fetch_ohlcv} rows ({@code [[timestamp, open, high, low, close, volume], ...]}) or objects with
 * {@code timestamp|time|openTime, open, high, low, close, volume} (timestamps in ms, s, or ISO-8601).
 */
public final class SeedHistoricalJson {
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)?)_([0-9]+[mhd])\\.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedHistoricalJson() {
    }

    /** One file found under the root. */
    public record SeedFile(DatasetKey key, Path path) {
    }

    public static List<SeedFile> find(Path root) throws IOException {
        List<SeedFile> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> exchanges = Files.list(root)) {
            for (Path exchangeDir : exchanges.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> inside = Files.list(exchangeDir)) {
                    for (Path file : inside.sorted().toList()) {
                        keyOf(exchangeDir.getFileName().toString(), file.getFileName().toString())
                                .ifPresent(key -> files.add(new SeedFile(key, file)));
                    }
                }
            }
        }
        return files;
    }

    static java.util.Optional<DatasetKey> keyOf(String exchange, String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches() || Timeframe.find(m.group(2)).isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(DatasetKey.of(exchange, m.group(1), m.group(2)));
    }

    public static CandleSeries read(InputStream in, Timeframe timeframe) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        JsonNode rows = root.isArray() ? root : root.path("data").isArray() ? root.get("data") : root.path("candles");
        if (!rows.isArray()) {
            throw new IllegalArgumentException("Expected a JSON array of candles");
        }
        CandleSeries.Builder bars = new CandleSeries.Builder(timeframe, rows.size());
        int index = 0;
        for (JsonNode row : rows) {
            try {
                if (row.isArray()) {
                    bars.add(millis(row.get(0)), row.get(1).asDouble(), row.get(2).asDouble(), row.get(3).asDouble(),
                            row.get(4).asDouble(), row.get(5).asDouble());
                } else {
                    JsonNode t = row.hasNonNull("timestamp") ? row.get("timestamp")
                            : row.hasNonNull("openTime") ? row.get("openTime") : row.get("time");
                    bars.add(millis(t), row.get("open").asDouble(), row.get("high").asDouble(),
                            row.get("low").asDouble(), row.get("close").asDouble(), row.path("volume").asDouble(0));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Candle [" + index + "]: " + e.getMessage());
            }
            index++;
        }
        return bars.build();
    }

    private static long millis(JsonNode t) {
        if (t == null || t.isNull()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        if (t.isTextual() && !t.asText().matches("\\d+")) {
            return java.time.Instant.parse(t.asText()).toEpochMilli();
        }
        long v = t.asLong();
        return v < 100_000_000_000L ? v * 1000 : v;
    }
}
