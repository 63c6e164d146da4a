package com.tradebot.trading.exchange.mexc;

import com.tradebot.trading.exchange.Balance;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.Kline;
import com.tradebot.trading.exchange.KlineInterval;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** MEXC's payloads and error codes to neutral types (the "Adapters" half). */
public final class MexcAdapters {
    private MexcAdapters() {
    }

    /** MEXC spells one hour {@code 60m} and one day {@code 1d}. */
    static String interval(KlineInterval interval) {
        return switch (interval) {
            case M1 -> "1m";
            case M5 -> "5m";
            case M15 -> "15m";
            case M30 -> "30m";
            case H1 -> "60m";
            case H4 -> "4h";
            case D1 -> "1d";
        };
    }

    static Kline kline(List<Object> row) {
        return new Kline(Instant.ofEpochMilli(((Number) row.get(0)).longValue()), decimal(row.get(1)),
                decimal(row.get(2)), decimal(row.get(3)), decimal(row.get(4)), decimal(row.get(5)));
    }

    static Balance balance(MexcDtos.AccountBalance balance) {
        return new Balance(balance.asset(), balance.free(), balance.locked());
    }

    static ExchangeOrder order(Symbol symbol, MexcDtos.Order order) {
        BigDecimal average = order.executedQty() != null && order.executedQty().signum() > 0
                && order.cummulativeQuoteQty() != null && order.cummulativeQuoteQty().signum() > 0
                ? order.cummulativeQuoteQty().divide(order.executedQty(), 12, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        return new ExchangeOrder(order.orderId(),
                order.origClientOrderId() != null ? order.origClientOrderId() : order.clientOrderId(), symbol,
                "SELL".equals(order.side()) ? Side.SELL : Side.BUY, type(order.type()), state(order.status()),
                order.origQty(), order.executedQty(), average,
                order.price() == null || order.price().signum() == 0 ? null : order.price());
    }

    static OrderState state(String status) {
        if (status == null) {
            return OrderState.UNKNOWN;
        }
        return switch (status) {
            case "NEW" -> OrderState.NEW;
            case "PARTIALLY_FILLED" -> OrderState.PARTIALLY_FILLED;
            case "FILLED" -> OrderState.FILLED;
            case "CANCELED", "PARTIALLY_CANCELED" -> OrderState.CANCELED;
            default -> OrderState.UNKNOWN;
        };
    }

    static OrderType type(String type) {
        return "MARKET".equals(type) ? OrderType.MARKET : "LIMIT".equals(type) ? OrderType.LIMIT : null;
    }

    /** MEXC error codes (spot v3 documentation, "Error Code") in our terms. */
    static ExchangeException error(int status, MexcDtos.Error error, String retryAfter) {
        String message = "MEXC " + (error.code() == null ? "HTTP " + status : error.code()) + ": "
                + (error.msg() == null ? "no message" : error.msg());
        if (status == 429 || (error.code() != null && error.code() == 429)) {
            Duration wait = null;
            if (retryAfter != null) {
                try {
                    wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
                } catch (NumberFormatException ignored) {
                    // an HTTP date instead of seconds: fall back to our own back-off
                }
            }
            return new ExchangeException(ExchangeError.RATE_LIMITED, message, wait);
        }
        int code = error.code() == null ? 0 : error.code();
        ExchangeError kind = switch (code) {
            case 602, 700002, 10072, 700003, 401, 403, 700001, 700004, 700005, 700006, 700007 -> ExchangeError.BAD_CREDENTIALS;
            case 10101, 30004, 30005 -> ExchangeError.INSUFFICIENT_BALANCE;
            case 10007, 30000, 30001, -1121 -> ExchangeError.INVALID_SYMBOL;
            case -2011, -2013 -> ExchangeError.ORDER_NOT_FOUND;
            case 30002, 30003, 30010, 30020, 30021, 30029, 30032, 30041 -> ExchangeError.INVALID_ORDER;
            default -> status == 401 || status == 403 ? ExchangeError.BAD_CREDENTIALS
                    : status >= 500 ? ExchangeError.UNAVAILABLE : ExchangeError.INVALID_ORDER;
        };
        return new ExchangeException(kind, message);
    }

    private static BigDecimal decimal(Object value) {
        return new BigDecimal(value.toString());
    }
}
