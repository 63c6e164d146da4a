package com.tradebot.trading.exchange.mexc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MEXC spot v3 REST in MEXC's own terms (the "Raw" half of XChange's split; XChange has no MEXC module for 5.2.1).
 * Hand-written because there is no maintained Java client: signed endpoints carry {@code timestamp} and
 * {@code recvWindow}, and {@code signature} = lower-case hex HMAC-SHA256 of the query string with the secret;
 * the key goes in the {@code X-MEXC-APIKEY} header. Errors come back as {@code {"code":..,"msg":..}}.
 */
public final class MexcSpotRaw {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long RECV_WINDOW_MS = 5000;

    private final String baseUrl;
    private final String apiKey;
    private final String apiSecret;
    private final Clock clock;

    public MexcSpotRaw(String baseUrl, String apiKey, String apiSecret, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.clock = clock;
    }

    public MexcDtos.Ticker24h ticker24h(String symbol) {
        return get("/api/v3/ticker/24hr", params("symbol", symbol), false, MexcDtos.Ticker24h.class);
    }

    /** Rows {@code [openTime, open, high, low, close, volume, closeTime, quoteVolume]}. */
    public List<List<Object>> klines(String symbol, String interval, int limit) {
        return get("/api/v3/klines", params("symbol", symbol, "interval", interval, "limit", Integer.toString(limit)),
                false, MAPPER.getTypeFactory().constructCollectionType(List.class,
                        MAPPER.getTypeFactory().constructCollectionType(List.class, Object.class)));
    }

    public MexcDtos.Depth depth(String symbol, int limit) {
        return get("/api/v3/depth", params("symbol", symbol, "limit", Integer.toString(limit)), false,
                MexcDtos.Depth.class);
    }

    public MexcDtos.Account account() {
        return get("/api/v3/account", new LinkedHashMap<>(), true, MexcDtos.Account.class);
    }

    public MexcDtos.NewOrder newOrder(Map<String, String> order) {
        return send("POST", "/api/v3/order", new LinkedHashMap<>(order), true,
                MAPPER.getTypeFactory().constructType(MexcDtos.NewOrder.class));
    }

    public MexcDtos.Order queryOrder(String symbol, String orderId, String origClientOrderId) {
        Map<String, String> params = params("symbol", symbol);
        putIfPresent(params, "orderId", orderId);
        putIfPresent(params, "origClientOrderId", origClientOrderId);
        return get("/api/v3/order", params, true, MexcDtos.Order.class);
    }

    public MexcDtos.Order cancelOrder(String symbol, String orderId) {
        return send("DELETE", "/api/v3/order", params("symbol", symbol, "orderId", orderId), true,
                MAPPER.getTypeFactory().constructType(MexcDtos.Order.class));
    }

    private <T> T get(String path, Map<String, String> params, boolean signed, Class<T> type) {
        return send("GET", path, params, signed, MAPPER.getTypeFactory().constructType(type));
    }

    private <T> T get(String path, Map<String, String> params, boolean signed, JavaType type) {
        return send("GET", path, params, signed, type);
    }

    private <T> T send(String method, String path, Map<String, String> params, boolean signed, JavaType type) {
        if (signed) {
            if (apiKey == null || apiSecret == null) {
                throw new ExchangeException(ExchangeError.BAD_CREDENTIALS, "MEXC: this call needs an API key");
            }
            params.put("recvWindow", Long.toString(RECV_WINDOW_MS));
            params.put("timestamp", Long.toString(clock.millis()));
        }
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (signed) {
            query = query + "&signature=" + sign(query);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (signed) {
            request.header("X-MEXC-APIKEY", apiKey);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExchangeException(ExchangeError.UNAVAILABLE, "MEXC unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(ExchangeError.UNAVAILABLE, "Interrupted while calling MEXC");
        }
        if (response.statusCode() / 100 != 2) {
            throw MexcAdapters.error(response.statusCode(), readError(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
        try {
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ExchangeException(ExchangeError.UNAVAILABLE, "MEXC answered something unreadable on " + path);
        }
    }

    private static MexcDtos.Error readError(String body) {
        try {
            return MAPPER.readValue(body, MexcDtos.Error.class);
        } catch (IOException | RuntimeException e) {
            return new MexcDtos.Error(null, null);
        }
    }

    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable");
        }
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    private static void putIfPresent(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
