package com.tradebot.trading.risk;

import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What the risk manager needs of a provider's entry signal; the signals module maps its own signal to this.
 * {@code leverage} is 1 for spot.
 */
public record TradeSignal(String signalId, String pair, Market market, Side side, BigDecimal entryPrice,
                          BigDecimal stopLoss, BigDecimal takeProfit, int leverage, Instant issuedAt) {
    public TradeSignal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(entryPrice, "entryPrice");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
