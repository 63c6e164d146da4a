package com.tradebot.trading.execution;

import com.tradebot.trading.exchange.Balance;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OpenPosition;
import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.TradingClient;
import java.util.List;
import java.util.Optional;

/**
 * Some exchanges acknowledge a new order without its fill (Binance's ACK answer): after a market order this asks for
 * the order once, so that the recorded position starts with its fill price. Best effort: if that read fails, the
 * acknowledgement is recorded as it is (the order exists either way; the position then waits for its fill).
 */
final class FillReadingClient implements TradingClient {
    private final TradingClient delegate;

    FillReadingClient(TradingClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExchangeOrder place(OrderRequest request) {
        ExchangeOrder placed = delegate.place(request);
        if (request.type() != OrderType.MARKET || placed.state().isFinal()) {
            return placed;
        }
        try {
            return delegate.order(request.symbol(), placed.exchangeOrderId()).orElse(placed);
        } catch (ExchangeException e) {
            return placed;
        }
    }

    @Override
    public List<Balance> balances(Market market) {
        return delegate.balances(market);
    }

    @Override
    public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
        return delegate.cancel(symbol, exchangeOrderId);
    }

    @Override
    public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
        return delegate.order(symbol, exchangeOrderId);
    }

    @Override
    public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
        return delegate.orderByClientId(symbol, clientOrderId);
    }

    @Override
    public List<OpenPosition> openPositions() {
        return delegate.openPositions();
    }

    @Override
    public void setLeverage(Symbol symbol, int leverage) {
        delegate.setLeverage(symbol, leverage);
    }
}
