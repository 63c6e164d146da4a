package com.tradebot.trading.execution;

import com.tradebot.trading.exchange.Balance;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OpenPosition;
import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.TradingClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The simulated account of a PAPER subscription, so that paper entries take the same {@link
 * com.tradebot.trading.risk.OrderExecutor} path as live ones. A market order fills at the price last read from the
 * exchange; a limit entry (inside the band the risk manager just checked) fills at its limit. It keeps no orders of its
 * own: the execution log is the only memory, which is what makes a redelivery harmless here too.
 */
final class PaperExchange implements TradingClient {
    private final String quoteAsset;
    private final BigDecimal equity;
    private final BigDecimal lastPrice;

    PaperExchange(String quoteAsset, BigDecimal equity, BigDecimal lastPrice) {
        this.quoteAsset = quoteAsset;
        this.equity = equity;
        this.lastPrice = lastPrice;
    }

    @Override
    public List<Balance> balances(Market market) {
        return List.of(new Balance(quoteAsset, equity, BigDecimal.ZERO));
    }

    @Override
    public ExchangeOrder place(OrderRequest request) {
        BigDecimal price = request.type() == OrderType.MARKET ? lastPrice : request.limitPrice();
        if (price == null) {
            throw new ExchangeException(ExchangeError.INVALID_ORDER, "No price to fill a paper market order at");
        }
        return new ExchangeOrder("paper-" + request.clientOrderId(), request.clientOrderId(), request.symbol(),
                request.side(), request.type(), OrderState.FILLED, request.quantity(), request.quantity(), price,
                request.limitPrice());
    }

    @Override
    public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
        throw new ExchangeException(ExchangeError.ORDER_NOT_FOUND, "Paper orders fill at once");
    }

    @Override
    public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
        return Optional.empty();
    }

    @Override
    public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
        return Optional.empty();
    }

    @Override
    public List<OpenPosition> openPositions() {
        return List.of();
    }

    @Override
    public void setLeverage(Symbol symbol, int leverage) {
        // a simulated account takes any leverage the risk manager allowed
    }
}
