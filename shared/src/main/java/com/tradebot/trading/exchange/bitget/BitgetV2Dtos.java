package com.tradebot.trading.exchange.bitget;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** Bitget spot v2 payloads of the endpoints {@link BitgetExtensions} declares (https://www.bitget.com/api-doc/spot). */
public final class BitgetV2Dtos {
    private BitgetV2Dtos() {
    }

    /** The v2 envelope: {@code code} "00000" is success. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response<T>(String code, String msg, Long requestTime, T data) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlaceOrder(String symbol, String side, String orderType, String force, String price, String size,
                             String clientOid, String triggerPrice, String tpslType) {
    }

    public record CancelOrder(String symbol, String orderId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderId(String orderId, String clientOid) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderInfo(String orderId, String clientOid, String symbol, BigDecimal price, BigDecimal size,
                            String orderType, String side, String status, BigDecimal priceAvg, BigDecimal baseVolume) {
    }

    /** Candle rows: [ts, open, high, low, close, baseVolume, usdtVolume, quoteVolume]. */
    public record Candles(List<List<String>> rows) {
    }
}
