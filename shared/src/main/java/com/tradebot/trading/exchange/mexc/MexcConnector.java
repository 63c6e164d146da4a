package com.tradebot.trading.exchange.mexc;

import com.tradebot.trading.exchange.Balance;
import com.tradebot.trading.exchange.BookTop;
import com.tradebot.trading.exchange.ExchangeConnector;
import com.tradebot.trading.exchange.ExchangeEndpoints;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.Kline;
import com.tradebot.trading.exchange.KlineInterval;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.MarketDataClient;
import com.tradebot.trading.exchange.OpenPosition;
import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.Ticker;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.vault.ExchangeCredentials;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MEXC spot through {@link MexcSpotRaw}. MEXC offers no spot testnet and its futures API is a separate product;
 * both are refused with {@link ExchangeError#NOT_SUPPORTED} rather than faked. Stop orders are not offered by MEXC's
 * spot v3 API either.
 */
public final class MexcConnector implements ExchangeConnector {
    public static final ExchangeEndpoints ENDPOINTS = new ExchangeEndpoints("https://api.mexc.com", null, null, null);

    private final ExchangeEndpoints endpoints;
    private final Clock clock;

    public MexcConnector(ExchangeEndpoints endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mexc";
    }

    @Override
    public Set<Market> markets() {
        return EnumSet.of(Market.SPOT);
    }

    @Override
    public MarketDataClient marketData() {
        MexcSpotRaw raw = new MexcSpotRaw(endpoints.baseUrl(Market.SPOT, false), null, null, clock);
        return new MarketDataClient() {
            @Override
            public Ticker ticker(Symbol symbol) {
                MexcDtos.Ticker24h t = raw.ticker24h(spot(symbol));
                return new Ticker(symbol, t.lastPrice(), t.bidPrice(), t.askPrice(), t.volume(),
                        t.closeTime() == null ? null : Instant.ofEpochMilli(t.closeTime()));
            }

            @Override
            public List<Kline> klines(Symbol symbol, KlineInterval interval, int limit) {
                return raw.klines(spot(symbol), MexcAdapters.interval(interval), limit).stream()
                        .map(MexcAdapters::kline).toList();
            }

            @Override
            public BookTop bookTop(Symbol symbol) {
                MexcDtos.Depth depth = raw.depth(spot(symbol), 5);
                List<BigDecimal> bid = depth.bids() == null || depth.bids().isEmpty() ? null : depth.bids().get(0);
                List<BigDecimal> ask = depth.asks() == null || depth.asks().isEmpty() ? null : depth.asks().get(0);
                return new BookTop(symbol, bid == null ? null : bid.get(0), bid == null ? null : bid.get(1),
                        ask == null ? null : ask.get(0), ask == null ? null : ask.get(1));
            }
        };
    }

    @Override
    public TradingClient trading(ExchangeCredentials credentials) {
        MexcSpotRaw raw = new MexcSpotRaw(endpoints.baseUrl(Market.SPOT, credentials.testnet()), credentials.apiKey(),
                credentials.apiSecret(), clock);
        return new TradingClient() {
            @Override
            public List<Balance> balances(Market market) {
                requireSpot(market);
                MexcDtos.Account account = raw.account();
                return account.balances() == null ? List.of()
                        : account.balances().stream().map(MexcAdapters::balance).toList();
            }

            @Override
            public ExchangeOrder place(OrderRequest request) {
                Map<String, String> order = new LinkedHashMap<>();
                order.put("symbol", spot(request.symbol()));
                order.put("side", request.side().name());
                switch (request.type()) {
                    case MARKET -> order.put("type", "MARKET");
                    case LIMIT -> order.put("type", "LIMIT");
                    case STOP_MARKET -> throw new ExchangeException(ExchangeError.NOT_SUPPORTED,
                            "MEXC spot has no stop orders");
                }
                order.put("quantity", request.quantity().toPlainString());
                if (request.limitPrice() != null) {
                    order.put("price", request.limitPrice().toPlainString());
                }
                if (request.clientOrderId() != null) {
                    order.put("newClientOrderId", request.clientOrderId());
                }
                MexcDtos.NewOrder placed = raw.newOrder(order);
                return new ExchangeOrder(placed.orderId(), request.clientOrderId(), request.symbol(), request.side(),
                        request.type(), OrderState.NEW, request.quantity(), null, null, request.limitPrice());
            }

            @Override
            public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
                return MexcAdapters.order(symbol, raw.cancelOrder(spot(symbol), exchangeOrderId));
            }

            @Override
            public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
                return lookup(symbol, exchangeOrderId, null);
            }

            @Override
            public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
                return lookup(symbol, null, clientOrderId);
            }

            private Optional<ExchangeOrder> lookup(Symbol symbol, String orderId, String clientOrderId) {
                try {
                    return Optional.of(MexcAdapters.order(symbol, raw.queryOrder(spot(symbol), orderId, clientOrderId)));
                } catch (ExchangeException e) {
                    if (e.error() == ExchangeError.ORDER_NOT_FOUND) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public List<OpenPosition> openPositions() {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "MEXC is traded spot only here");
            }

            @Override
            public void setLeverage(Symbol symbol, int leverage) {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "MEXC is traded spot only here");
            }
        };
    }

    private static void requireSpot(Market market) {
        if (market != Market.SPOT) {
            throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "MEXC is traded spot only here");
        }
    }

    private static String spot(Symbol symbol) {
        requireSpot(symbol.market());
        return symbol.concatenated();
    }
}
