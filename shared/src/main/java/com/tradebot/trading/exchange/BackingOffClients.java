package com.tradebot.trading.exchange;

import java.util.List;
import java.util.Optional;

/** Wraps market-data and trading clients so that every call goes through a {@link BackOff}. */
public final class BackingOffClients {
    private BackingOffClients() {
    }

    public static MarketDataClient wrap(MarketDataClient client, BackOff backOff) {
        return new MarketDataClient() {
            @Override
            public Ticker ticker(Symbol symbol) {
                return backOff.call(() -> client.ticker(symbol));
            }

            @Override
            public List<Kline> klines(Symbol symbol, KlineInterval interval, int limit) {
                return backOff.call(() -> client.klines(symbol, interval, limit));
            }

            @Override
            public BookTop bookTop(Symbol symbol) {
                return backOff.call(() -> client.bookTop(symbol));
            }

            @Override
            public SymbolFilters filters(Symbol symbol) {
                return backOff.call(() -> client.filters(symbol));
            }
        };
    }

    public static TradingClient wrap(TradingClient client, BackOff backOff) {
        return new TradingClient() {
            @Override
            public List<Balance> balances(Market market) {
                return backOff.call(() -> client.balances(market));
            }

            @Override
            public ExchangeOrder place(OrderRequest request) {
                return backOff.call(() -> client.place(request));
            }

            @Override
            public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
                return backOff.call(() -> client.cancel(symbol, exchangeOrderId));
            }

            @Override
            public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
                return backOff.call(() -> client.order(symbol, exchangeOrderId));
            }

            @Override
            public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
                return backOff.call(() -> client.orderByClientId(symbol, clientOrderId));
            }

            @Override
            public List<OpenPosition> openPositions() {
                return backOff.call(client::openPositions);
            }

            @Override
            public void setLeverage(Symbol symbol, int leverage) {
                backOff.call(() -> {
                    client.setLeverage(symbol, leverage);
                    return null;
                });
            }
        };
    }
}
