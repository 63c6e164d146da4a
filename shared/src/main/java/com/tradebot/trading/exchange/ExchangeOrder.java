package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/**
 * An order as the exchange reports it. Prices and quantities may be null where the exchange gives none.
 * {@code commission} is what the exchange charged for the fills it reported with the order (Binance's
 * {@code fills[].commission}, in {@code commissionAsset}); null when it did not say.
 */
public record ExchangeOrder(String exchangeOrderId, String clientOrderId, Symbol symbol, Side side, OrderType type,
                            OrderState state, BigDecimal quantity, BigDecimal filledQuantity,
                            BigDecimal averagePrice, BigDecimal limitPrice, BigDecimal commission,
                            String commissionAsset) {

    public ExchangeOrder(String exchangeOrderId, String clientOrderId, Symbol symbol, Side side, OrderType type,
                         OrderState state, BigDecimal quantity, BigDecimal filledQuantity, BigDecimal averagePrice,
                         BigDecimal limitPrice) {
        this(exchangeOrderId, clientOrderId, symbol, side, type, state, quantity, filledQuantity, averagePrice,
                limitPrice, null, null);
    }
}
