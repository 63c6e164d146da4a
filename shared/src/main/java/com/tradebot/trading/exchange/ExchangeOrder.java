package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/** An order as the exchange reports it. Prices and quantities may be null where the exchange gives none. */
public record ExchangeOrder(String exchangeOrderId, String clientOrderId, Symbol symbol, Side side, OrderType type,
                            OrderState state, BigDecimal quantity, BigDecimal filledQuantity,
                            BigDecimal averagePrice, BigDecimal limitPrice) {
}
