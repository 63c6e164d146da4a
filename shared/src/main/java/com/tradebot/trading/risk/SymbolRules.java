package com.tradebot.trading.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An exchange's trading rules for a symbol: quantity step (lot), price tick, minimum quantity and notional. */
public record SymbolRules(BigDecimal stepSize, BigDecimal tickSize, BigDecimal minQuantity, BigDecimal minNotional) {

    /** Rounds a quantity down to the lot step: never more risk than asked for. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return floorTo(quantity, stepSize);
    }

    /** Rounds a price to the tick: down for a buy (pay no more), up for a sell (receive no less). */
    public BigDecimal roundPrice(BigDecimal price, boolean buy) {
        if (tickSize == null || tickSize.signum() == 0) {
            return price;
        }
        BigDecimal ticks = price.divide(tickSize, 0, buy ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return ticks.multiply(tickSize).stripTrailingZeros();
    }

    private static BigDecimal floorTo(BigDecimal value, BigDecimal step) {
        if (step == null || step.signum() == 0) {
            return value;
        }
        return value.divide(step, 0, RoundingMode.FLOOR).multiply(step).stripTrailingZeros();
    }
}
