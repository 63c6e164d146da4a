package com.tradebot.trading.exchange;

import java.util.List;
import java.util.Optional;

/**
 * One user's account on one exchange, built around a decrypted credential for the length of one unit of work
 * (see {@link ExchangeGateway}). Every method may throw {@link ExchangeException}.
 */
public interface TradingClient {
    /** Balances of the wallet that trades {@code market} (spot wallet, or futures margin wallet). */
    List<Balance> balances(Market market);

    /** Places the order and returns it as the exchange acknowledged it (at least its exchange id). */
    ExchangeOrder place(OrderRequest request);

    /** Cancels an open order; an order that is already final or unknown gives {@link ExchangeError#ORDER_NOT_FOUND}. */
    ExchangeOrder cancel(Symbol symbol, String exchangeOrderId);

    Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId);

    /** Looks an order up by the id we gave it; how the executor avoids placing an order twice. */
    Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId);

    /** Open futures positions; {@link ExchangeError#NOT_SUPPORTED} where the adapter trades spot only. */
    List<OpenPosition> openPositions();

    /** Sets the futures leverage of a symbol; {@link ExchangeError#NOT_SUPPORTED} on spot-only adapters. */
    void setLeverage(Symbol symbol, int leverage);
}
