package com.tradebot.trading.exchange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order to place. {@code clientOrderId} is ours, chosen before placing (see
 * {@link com.tradebot.trading.risk.ClientOrderIds}), so the order can be found again after a crash or a redelivery.
 */
public record OrderRequest(Symbol symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal limitPrice,
                           BigDecimal stopPrice, String clientOrderId, boolean reduceOnly) {
    public OrderRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        if (quantity == null || quantity.signum() <= 0) {
            throw new ExchangeException(ExchangeError.INVALID_ORDER, "quantity must be positive");
        }
        if (type == OrderType.LIMIT && (limitPrice == null || limitPrice.signum() <= 0)) {
            throw new ExchangeException(ExchangeError.INVALID_ORDER, "a limit order needs a positive limit price");
        }
        if (type == OrderType.STOP_MARKET && (stopPrice == null || stopPrice.signum() <= 0)) {
            throw new ExchangeException(ExchangeError.INVALID_ORDER, "a stop order needs a positive stop price");
        }
        if (clientOrderId != null && !clientOrderId.matches("[A-Za-z0-9_-]{1,36}")) {
            throw new ExchangeException(ExchangeError.INVALID_ORDER,
                    "clientOrderId must be 1-36 letters, digits, '-' or '_'");
        }
    }

    public static OrderRequest market(Symbol symbol, Side side, BigDecimal quantity, String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.MARKET, quantity, null, null, clientOrderId, false);
    }

    public static OrderRequest limit(Symbol symbol, Side side, BigDecimal quantity, BigDecimal price,
                                     String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.LIMIT, quantity, price, null, clientOrderId, false);
    }

    public static OrderRequest stopMarket(Symbol symbol, Side side, BigDecimal quantity, BigDecimal stopPrice,
                                          String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.STOP_MARKET, quantity, null, stopPrice, clientOrderId, false);
    }
}
