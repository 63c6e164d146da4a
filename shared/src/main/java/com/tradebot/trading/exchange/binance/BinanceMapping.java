package com.tradebot.trading.exchange.binance;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.SymbolFilters;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Filter;

import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.OpenPosition;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.knowm.xchange.binance.dto.account.futures.BinancePosition;

/** Binance DTOs (XChange's) to neutral types: the "Adapters" half of the Raw/Adapters split. */
final class BinanceMapping {
    private BinanceMapping() {
    }

    static ExchangeOrder order(Symbol symbol, BinanceOrderDto order) {
        BigDecimal quote = order.cummulativeQuoteQty() != null ? order.cummulativeQuoteQty() : order.cumQuote();
        BigDecimal average = order.avgPrice() != null && order.avgPrice().signum() > 0 ? order.avgPrice()
                : order.executedQty() != null && order.executedQty().signum() > 0 && quote != null && quote.signum() > 0
                ? quote.divide(order.executedQty(), 12, RoundingMode.HALF_EVEN).stripTrailingZeros() : null;
        String clientOrderId = order.origClientOrderId() != null ? order.origClientOrderId() : order.clientOrderId();
        String commissionAsset = null;
        BigDecimal commission = null;
        if (order.fills() != null && !order.fills().isEmpty()) {
            commissionAsset = order.fills().get(0).commissionAsset();
            commission = BigDecimal.ZERO;
            for (BinanceOrderDto.Fill fill : order.fills()) {
                if (fill.commission() == null || !java.util.Objects.equals(commissionAsset, fill.commissionAsset())) {
                    commission = null; // fees in several assets: not summed into one figure
                    commissionAsset = null;
                    break;
                }
                commission = commission.add(fill.commission());
            }
        }
        return new ExchangeOrder(Long.toString(order.orderId()), clientOrderId, symbol,
                "SELL".equals(order.side()) ? Side.SELL : Side.BUY, type(order.type()),
                order.status() == null ? OrderState.NEW : state(order.status()),
                order.origQty(), order.executedQty(), average,
                order.price() == null || order.price().signum() == 0 ? null : order.price(),
                commission == null ? null : commission.stripTrailingZeros(), commissionAsset);
    }

    static OrderState state(String status) {
        if (status == null) {
            return OrderState.UNKNOWN;
        }
        return switch (status) {
            case "NEW", "PENDING_NEW", "PENDING_CANCEL" -> OrderState.NEW;
            case "PARTIALLY_FILLED" -> OrderState.PARTIALLY_FILLED;
            case "FILLED" -> OrderState.FILLED;
            case "CANCELED" -> OrderState.CANCELED;
            case "REJECTED" -> OrderState.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderState.EXPIRED;
            default -> OrderState.UNKNOWN;
        };
    }

    static OrderType type(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT", "LIMIT_MAKER" -> OrderType.LIMIT;
            case "STOP_MARKET", "STOP_LOSS", "STOP" -> OrderType.STOP_MARKET;
            default -> null;
        };
    }

    static OpenPosition position(BinancePosition position) {
        String symbol = position.getSymbol();
        String quote = symbol.endsWith("USDT") ? "USDT" : symbol.endsWith("USDC") ? "USDC" : "USD";
        Symbol neutral = Symbol.futures(symbol.substring(0, symbol.length() - quote.length()) + "/" + quote);
        return new OpenPosition(neutral, BinanceConnector.side(position), position.getPositionAmt().abs(),
                position.getEntryPrice(), position.getUnrealizedProfit(),
                position.getLeverage() == null ? null : position.getLeverage().intValue());
    }

    /**
     * {@code LOT_SIZE} (stepSize, minQty), {@code PRICE_FILTER} (tickSize) and {@code MIN_NOTIONAL} or its successor
     * {@code NOTIONAL} (minNotional) of the symbol in an {@code exchangeInfo} answer; a zero means "no rule".
     */
    static SymbolFilters filters(Symbol symbol, BinanceExchangeInfo info) {
        org.knowm.xchange.binance.dto.meta.exchangeinfo.Symbol found = info.getSymbols() == null ? null
                : info.getSymbols().stream().filter(s -> symbol.concatenated().equals(s.getSymbol())).findFirst()
                .orElse(null);
        if (found == null) {
            throw new ExchangeException(ExchangeError.INVALID_SYMBOL, "Binance does not list " + symbol);
        }
        BigDecimal step = null;
        BigDecimal minQty = null;
        BigDecimal tick = null;
        BigDecimal minNotional = null;
        for (Filter f : found.getFilters() == null ? new Filter[0] : found.getFilters()) {
            switch (String.valueOf(f.getFilterType())) {
                case "LOT_SIZE" -> {
                    step = positive(f.getStepSize());
                    minQty = positive(f.getMinQty());
                }
                case "PRICE_FILTER" -> tick = positive(f.getTickSize());
                case "MIN_NOTIONAL", "NOTIONAL" -> minNotional = minNotional != null ? minNotional
                        : positive(f.getMinNotional());
                default -> {
                }
            }
        }
        return new SymbolFilters(symbol, step, tick, minQty, minNotional);
    }

    private static BigDecimal positive(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal v = new BigDecimal(value.trim());
        return v.signum() > 0 ? v.stripTrailingZeros() : null;
    }
}
