package com.tradebot.trading.exchange.binance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * Binance's order as {@code GET/DELETE /api/v3/order} and {@code /fapi/v1/order} return it. XChange's own
 * {@code BinanceOrder} cannot be read with the Jackson this project uses (its {@code timeInForce} enum inherits a
 * polymorphic type annotation), so the order endpoints read into this plain DTO. A new spot order's FULL answer is
 * the same order with its {@code fills}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BinanceOrderDto(String symbol, long orderId, String clientOrderId, String origClientOrderId,
                              BigDecimal price, BigDecimal origQty, BigDecimal executedQty,
                              BigDecimal cummulativeQuoteQty, BigDecimal cumQuote, BigDecimal avgPrice, String status,
                              String type, String side, BigDecimal stopPrice, List<Fill> fills) {

    /** One trade of a new order's FULL answer: its price, quantity and the commission charged for it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fill(BigDecimal price, BigDecimal qty, BigDecimal commission, String commissionAsset) {
    }
}
