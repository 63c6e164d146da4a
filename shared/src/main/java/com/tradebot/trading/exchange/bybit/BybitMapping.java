package com.tradebot.trading.exchange.bybit;

import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.OpenPosition;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;

/** Bybit v5 DTOs to neutral types. */
final class BybitMapping {
    private BybitMapping() {
    }

    static ExchangeOrder order(Symbol symbol, BybitV5Dtos.Order order) {
        OrderType type = order.triggerPrice() != null && order.triggerPrice().signum() > 0 ? OrderType.STOP_MARKET
                : "Market".equals(order.orderType()) ? OrderType.MARKET : "Limit".equals(order.orderType())
                ? OrderType.LIMIT : null;
        return new ExchangeOrder(order.orderId(), order.orderLinkId(), symbol,
                "Sell".equals(order.side()) ? Side.SELL : Side.BUY, type, state(order.orderStatus()), order.qty(),
                order.cumExecQty(), order.avgPrice() == null || order.avgPrice().signum() == 0 ? null : order.avgPrice(),
                order.price() == null || order.price().signum() == 0 ? null : order.price());
    }

    static OrderState state(String status) {
        if (status == null) {
            return OrderState.UNKNOWN;
        }
        return switch (status) {
            case "New", "Untriggered", "Triggered", "Created" -> OrderState.NEW;
            case "PartiallyFilled" -> OrderState.PARTIALLY_FILLED;
            case "Filled" -> OrderState.FILLED;
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated" -> OrderState.CANCELED;
            case "Rejected" -> OrderState.REJECTED;
            default -> OrderState.UNKNOWN;
        };
    }

    static OpenPosition position(BybitV5Dtos.Position position) {
        String symbol = position.symbol();
        String quote = symbol.endsWith("USDT") ? "USDT" : "USDC";
        return new OpenPosition(Symbol.futures(symbol.substring(0, symbol.length() - quote.length()) + "/" + quote),
                "Sell".equals(position.side()) ? Side.SELL : Side.BUY, position.size(), position.avgPrice(),
                position.unrealisedPnl(), position.leverage() == null ? null : position.leverage().intValue());
    }
}
