package com.tradebot.trading.exchange.mexc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/** MEXC spot v3 payloads as its API documentation gives them (https://mexcdevelop.github.io/apidocs/spot_v3_en/). */
public final class MexcDtos {
    private MexcDtos() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(Integer code, String msg) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ticker24h(String symbol, BigDecimal lastPrice, BigDecimal bidPrice, BigDecimal askPrice,
                            BigDecimal volume, Long closeTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Depth(List<List<BigDecimal>> bids, List<List<BigDecimal>> asks) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccountBalance(String asset, BigDecimal free, BigDecimal locked) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(Boolean canTrade, Boolean canWithdraw, Boolean canDeposit, String accountType,
                          List<AccountBalance> balances, List<String> permissions) {
    }

    /** New order answer: {@code orderId} is a string on MEXC. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewOrder(String symbol, String orderId, String clientOrderId, BigDecimal price, BigDecimal origQty,
                           String type, String side, Long transactTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(String symbol, String orderId, String clientOrderId, String origClientOrderId,
                        BigDecimal price, BigDecimal origQty, BigDecimal executedQty, BigDecimal cummulativeQuoteQty,
                        String status, String type, String side) {
    }
}
