package com.tradebot.trading.risk;

import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An approved, sized follower order: the entry (market or limit inside the band), the protective stop and how long
 * an unfilled entry may stand. The same plan drives the live executor and the paper engine.
 *
 * @param riskAmount what is lost, in the quote currency, if the stop is hit
 */
public record OrderPlan(String signalId, String userId, String clientOrderId, String stopClientOrderId,
                        Symbol symbol, Side side, OrderType entryType, BigDecimal quantity, BigDecimal limitPrice,
                        BigDecimal stopPrice, BigDecimal takeProfit, int leverage, BigDecimal bandLow,
                        BigDecimal bandHigh, Instant expiresAt, BigDecimal riskAmount) {

    public OrderRequest entryOrder() {
        return new OrderRequest(symbol, side, entryType, quantity, entryType == OrderType.LIMIT ? limitPrice : null,
                null, clientOrderId, false);
    }

    /** The reduce-only stop that closes the position at the signal's stop loss. */
    public OrderRequest stopOrder() {
        return new OrderRequest(symbol, side.opposite(), OrderType.STOP_MARKET, quantity, null, stopPrice,
                stopClientOrderId, symbol.market() == com.tradebot.trading.exchange.Market.FUTURES);
    }
}
