package com.tradebot.trading.exchange;

import java.math.BigDecimal;

/**
 * An exchange's trading rules for one symbol, as it publishes them (Binance's {@code exchangeInfo} filters
 * {@code LOT_SIZE}, {@code PRICE_FILTER}, {@code MIN_NOTIONAL}/{@code NOTIONAL}): quantity step and minimum, price
 * tick and minimum notional. A null field is a rule the exchange did not state.
 */
public record SymbolFilters(Symbol symbol, BigDecimal stepSize, BigDecimal tickSize, BigDecimal minQuantity,
                            BigDecimal minNotional) {
}
