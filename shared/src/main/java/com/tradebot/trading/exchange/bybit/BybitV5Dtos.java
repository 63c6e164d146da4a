package com.tradebot.trading.exchange.bybit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/** Bybit v5 payloads of the endpoints {@link BybitExtensions} declares (https://bybit-exchange.github.io/docs/v5). */
public final class BybitV5Dtos {
    private BybitV5Dtos() {
    }

    /** The v5 envelope: {@code retCode} 0 is success; errors come with HTTP 200 and a non-zero code. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result<T>(int retCode, String retMsg, T result) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Book(String s, List<List<BigDecimal>> b, List<List<BigDecimal>> a) {
    }

    /** {@code list} rows: [startTime, open, high, low, close, volume, turnover], newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Klines(String category, String symbol, List<List<String>> list) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(String orderId, String orderLinkId, String symbol, BigDecimal price, BigDecimal qty,
                        String side, String orderStatus, String orderType, BigDecimal avgPrice,
                        BigDecimal cumExecQty, BigDecimal triggerPrice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Orders(String category, List<Order> list) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Position(String symbol, String side, BigDecimal size, BigDecimal avgPrice, BigDecimal unrealisedPnl,
                           BigDecimal leverage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Positions(String category, List<Position> list) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderId(String orderId, String orderLinkId) {
    }

    public record StopOrder(String category, String symbol, String side, String orderType, String qty,
                            String triggerPrice, int triggerDirection, String orderLinkId, Boolean reduceOnly,
                            String orderFilter) {
    }

    public record Leverage(String category, String symbol, String buyLeverage, String sellLeverage) {
    }
}
