package com.tradebot.functions.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.Role;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.marketdata.Dataset;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.MarketDataService;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/market-data/datasets} and {@code GET /api/market-data/candles} (any signed-in user) and {@code POST /api/market-data/import} (ADMIN):
 * {@code {"source":"ta4j-examples"}} loads the bundled real data; {@code {"format":"BINANCE_CSV"|"BINANCE_ZIP"|
 * "SEED_JSON","exchange","symbol","timeframe","content": base64}} brings a file in; {@code {"source":"exchange",...}}
 * downloads public klines from Binance or Bybit.
 */
public final class MarketDataApiHandler extends ApiHandler {
    private final MarketDataService marketData;

    public MarketDataApiHandler() {
        this(BacktestModule.marketData());
    }

    public MarketDataApiHandler(MarketDataService marketData) {
        this.marketData = marketData;
        route("GET", "/api/market-data/datasets", request -> {
            request.requirePrincipal();
            return ApiResponse.ok(Map.of("items", this.marketData.datasets().stream().map(MarketDataApiHandler::view).toList()));
        });
        route("POST", "/api/market-data/import", this::importData);
        route("GET", "/api/market-data/candles", this::candles);
    }

    static final int DEFAULT_BARS = 1000;
    static final int MAX_BARS = 5000;

    /**
     * {@code GET /api/market-data/candles?symbol&timeframe[&exchange][&from][&to][&limit][&cursor]} (any signed-in
     * user, like the datasets): stored bars in time order, at most {@code limit} (default 1,000, at most 5,000) a
     * page; {@code nextCursor} continues where the page stopped. Used by the backtest lab's candle chart.
     */
    private ApiResponse candles(ApiRequest request) {
        request.requirePrincipal();
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        com.tradebot.marketdata.MarketSymbol symbol = null;
        com.tradebot.marketdata.Timeframe timeframe = null;
        try {
            symbol = com.tradebot.marketdata.MarketSymbol.parse(request.query("symbol").orElseThrow(
                    () -> new IllegalArgumentException("required, e.g. BTC/USD")));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("symbol", e.getMessage()));
        }
        try {
            timeframe = com.tradebot.marketdata.Timeframe.parse(request.query("timeframe").orElseThrow(
                    () -> new IllegalArgumentException("required, e.g. 15m")));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("timeframe", e.getMessage()));
        }
        String exchange = request.query("exchange").filter(x -> !x.isBlank()).orElse(null);
        if (exchange != null && !exchange.matches("[a-zA-Z0-9_.-]{1,40}")) {
            errors.add(new ApiException.FieldError("exchange", "invalid exchange name"));
        }
        long from = instant(request, "from", Long.MIN_VALUE / 4, errors);
        long to = instant(request, "to", Long.MAX_VALUE / 4, errors);
        int limit = DEFAULT_BARS;
        try {
            limit = request.query("limit").map(Integer::parseInt).orElse(DEFAULT_BARS);
            if (limit < 1 || limit > MAX_BARS) {
                errors.add(new ApiException.FieldError("limit", "must be 1.." + MAX_BARS));
            }
        } catch (NumberFormatException e) {
            errors.add(new ApiException.FieldError("limit", "must be a whole number 1.." + MAX_BARS));
        }
        Optional<String> cursor = request.query("cursor").filter(c -> !c.isBlank());
        if (cursor.isPresent()) {
            try {
                // the cursor is the next page's start; it replaces "from" (the other parameters stay the same)
                from = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor.get()),
                        java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("cursor", "not a cursor this endpoint returned"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        MarketDataService.CandlePage page = marketData.page(exchange, symbol, timeframe, from, to, limit);
        com.tradebot.marketdata.CandleSeries bars = page.bars();
        List<Map<String, Object>> items = new java.util.ArrayList<>(bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("time", java.time.Instant.ofEpochMilli(bars.time()[i]).toString());
            bar.put("open", bars.open()[i]);
            bar.put("high", bars.high()[i]);
            bar.put("low", bars.low()[i]);
            bar.put("close", bars.close()[i]);
            bar.put("volume", bars.volume()[i]);
            items.add(bar);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", page.source().key().exchange());
        out.put("symbol", symbol.toString());
        out.put("timeframe", timeframe.code());
        out.put("items", items);
        out.put("nextCursor", page.nextFromMs() == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(page.nextFromMs()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return ApiResponse.ok(out);
    }

    private static long instant(ApiRequest request, String name, long absent, List<ApiException.FieldError> errors) {
        Optional<String> value = request.query(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return java.time.Instant.parse(value.get()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new ApiException.FieldError(name, "an ISO-8601 UTC instant, e.g. 2013-11-26T00:00:00Z"));
            return absent;
        }
    }

    private ApiResponse importData(ApiRequest request) {
        request.requireRole(Role.ADMIN);
        JsonNode body = request.bodyTree();
        if ("ta4j-examples".equals(body.path("source").asText())) {
            return ApiResponse.ok(Map.of("items", marketData.importBundled().stream().map(MarketDataApiHandler::view).toList()));
        }
        if ("exchange".equals(body.path("source").asText())) {
            return ApiResponse.ok(view(download(body)));
        }
        MarketDataService.Format format;
        DatasetKey key;
        byte[] content;
        try {
            format = MarketDataService.Format.valueOf(body.path("format").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("format",
                    "one of BINANCE_CSV, BINANCE_ZIP, SEED_JSON (or give source: ta4j-examples)")));
        }
        try {
            key = DatasetKey.of(body.path("exchange").asText(null), body.path("symbol").asText(null),
                    body.path("timeframe").asText(null));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("exchange/symbol/timeframe", e.getMessage())));
        }
        try {
            content = Base64.getDecoder().decode(body.path("content").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("content", "must be base64")));
        }
        if (content.length == 0) {
            throw ApiException.validation(List.of(new ApiException.FieldError("content", "required (base64 file)")));
        }
        return ApiResponse.ok(view(marketData.importFile(key, format, content)));
    }

    /** {@code {"source":"exchange","exchange":"binance"|"bybit","symbol","timeframe","startDate","endDate"}} (ISO instants). */
    private Dataset download(JsonNode body) {
        DatasetKey key;
        java.time.Instant from;
        java.time.Instant to;
        try {
            key = DatasetKey.of(body.path("exchange").asText(null), body.path("symbol").asText(null),
                    body.path("timeframe").asText(null));
            from = java.time.Instant.parse(body.path("startDate").asText());
            to = java.time.Instant.parse(body.path("endDate").asText());
        } catch (RuntimeException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("exchange/symbol/timeframe/startDate/endDate",
                    e.getMessage())));
        }
        com.tradebot.marketdata.download.KlinePage source = switch (key.exchange()) {
            case "binance" -> new com.tradebot.marketdata.download.BinanceKlines(null);
            case "bybit" -> new com.tradebot.marketdata.download.BybitKlines(null);
            default -> throw ApiException.validation(List.of(new ApiException.FieldError("exchange",
                    "downloads are available from binance and bybit")));
        };
        return marketData.download(new com.tradebot.marketdata.download.KlineDownloader(source), key,
                from.toEpochMilli(), to.toEpochMilli());
    }

    static Map<String, Object> view(Dataset d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", d.key().exchange());
        out.put("symbol", d.key().symbol().toString());
        out.put("timeframe", d.key().timeframe().code());
        out.put("from", d.from().toString());
        out.put("to", d.to().toString());
        out.put("bars", d.bars());
        out.put("gaps", d.gaps());
        out.put("missingBars", d.missingBars());
        return out;
    }
}
