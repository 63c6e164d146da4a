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

/**
 * {@code GET /api/market-data/datasets} (any signed-in user) and {@code POST /api/market-data/import} (ADMIN):
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
