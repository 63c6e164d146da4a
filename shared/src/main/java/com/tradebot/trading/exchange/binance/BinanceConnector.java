package com.tradebot.trading.exchange.binance;

import static com.tradebot.trading.exchange.xchange.XChangeSupport.call;
import static com.tradebot.trading.exchange.xchange.XChangeSupport.instrument;

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
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.SymbolFilters;
import com.tradebot.trading.exchange.Ticker;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.vault.ExchangeCredentials;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceAuthenticated;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.BinanceFuturesAuthenticated;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.account.BinanceAccountInformation;
import org.knowm.xchange.binance.dto.account.futures.BinanceFutureAccountInformation;
import org.knowm.xchange.binance.dto.account.futures.BinancePosition;
import org.knowm.xchange.binance.dto.marketdata.BinanceOrderbook;
import org.knowm.xchange.binance.dto.marketdata.BinanceTicker24h;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.trade.OrderSide;
import org.knowm.xchange.binance.dto.trade.OrderType;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.binance.service.BinanceMarketDataService;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.SynchronizedValueFactory;
import org.knowm.xchange.currency.CurrencyPair;

/** Binance spot and USDⓈ-M futures through XChange's Binance module (its raw services, our neutral types). */
public final class BinanceConnector implements ExchangeConnector {
    public static final ExchangeEndpoints ENDPOINTS = new ExchangeEndpoints("https://api.binance.com",
            "https://fapi.binance.com", "https://testnet.binance.vision", "https://testnet.binancefuture.com");

    private final ExchangeEndpoints endpoints;
    /**
     * XChange's exchange object and rescu proxies, one per market and network, built once: building them loads
     * XChange's metadata and a fresh Jackson mapper each time (over half of an execution's CPU when built per call).
     * They hold no credentials; signed calls take the key and signer as arguments, per call.
     */
    private final Map<String, Clients> clients = new ConcurrentHashMap<>();

    public BinanceConnector(ExchangeEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The shared, credential-free clients of one market and network. */
    private record Clients(BinanceExchange exchange, BinanceMarketDataService marketData, BinanceExtensions extensions,
                           BinanceAuthenticated spot, BinanceFuturesAuthenticated futures) {
        SynchronizedValueFactory<Long> timestamps() {
            return exchange.getTimestampFactory();
        }
    }

    private Clients clients(Market market, boolean testnet) {
        return clients.computeIfAbsent(market + "|" + testnet, k -> {
            BinanceExchange exchange = (BinanceExchange) exchange(market, testnet, null);
            ExchangeSpecification spec = exchange.getExchangeSpecification();
            return new Clients(exchange, (BinanceMarketDataService) exchange.getMarketDataService(),
                    ExchangeRestProxyBuilder.forInterface(BinanceExtensions.class, spec).build(),
                    ExchangeRestProxyBuilder.forInterface(BinanceAuthenticated.class, spec).build(),
                    ExchangeRestProxyBuilder.forInterface(BinanceFuturesAuthenticated.class, spec).build());
        });
    }

    @Override
    public String name() {
        return "binance";
    }

    @Override
    public Set<Market> markets() {
        return EnumSet.of(Market.SPOT, Market.FUTURES);
    }

    @Override
    public MarketDataClient marketData() {
        return new PublicData();
    }

    @Override
    public TradingClient trading(ExchangeCredentials credentials) {
        return new Account(credentials);
    }

    private Exchange exchange(Market market, boolean testnet, ExchangeCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(PinnedBinanceExchange.class);
        String url = endpoints.baseUrl(market, testnet);
        spec.setSslUri(url);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setExchangeSpecificParametersItem(BinanceExchange.EXCHANGE_TYPE,
                market == Market.FUTURES ? ExchangeType.FUTURES : ExchangeType.SPOT);
        spec.setExchangeSpecificParametersItem(Exchange.USE_SANDBOX, false);
        spec.setExchangeSpecificParametersItem(PinnedBinanceExchange.BASE_URL, url);
        if (credentials != null) {
            spec.setApiKey(credentials.apiKey());
            spec.setSecretKey(credentials.apiSecret());
        }
        return ExchangeFactory.INSTANCE.createExchange(spec);
    }

    private final class PublicData implements MarketDataClient {
        @Override
        public Ticker ticker(Symbol symbol) {
            BinanceMarketDataService service = clients(symbol.market(), false).marketData();
            BinanceTicker24h t = call(() -> service.ticker24hAllProducts(instrument(symbol)), BinanceErrors::map);
            return new Ticker(symbol, t.getLastPrice(), t.getBidPrice(), t.getAskPrice(), t.getVolume(),
                    Instant.ofEpochMilli(t.getCloseTime()));
        }

        @Override
        public List<Kline> klines(Symbol symbol, KlineInterval interval, int limit) {
            if (symbol.market() != Market.SPOT) {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Binance klines: spot only here");
            }
            BinanceMarketDataService service = clients(Market.SPOT, false).marketData();
            org.knowm.xchange.binance.dto.marketdata.KlineInterval binanceInterval = binanceInterval(interval);
            return call(() -> service.klines(new CurrencyPair(symbol.base(), symbol.quote()), binanceInterval, limit,
                    null, null), BinanceErrors::map).stream()
                    .map(k -> new Kline(Instant.ofEpochMilli(k.getOpenTime()), k.getOpen(), k.getHigh(), k.getLow(),
                            k.getClose(), k.getVolume()))
                    .toList();
        }

        @Override
        public SymbolFilters filters(Symbol symbol) {
            Clients shared = clients(symbol.market(), false);
            BinanceExchangeInfo info = call(() -> symbol.market() == Market.FUTURES
                    ? shared.marketData().getFutureExchangeInfo()
                    : shared.extensions().spotExchangeInfo(symbol.concatenated()), BinanceErrors::map);
            return BinanceMapping.filters(symbol, info);
        }

        @Override
        public BookTop bookTop(Symbol symbol) {
            BinanceMarketDataService service = clients(symbol.market(), false).marketData();
            BinanceOrderbook book = call(() -> service.getBinanceOrderbookAllProducts(instrument(symbol), 5),
                    BinanceErrors::map);
            Map.Entry<BigDecimal, BigDecimal> bid = book.bids.isEmpty() ? null : book.bids.entrySet().iterator().next();
            Map.Entry<BigDecimal, BigDecimal> ask = book.asks.isEmpty() ? null : book.asks.entrySet().iterator().next();
            return new BookTop(symbol, bid == null ? null : bid.getKey(), bid == null ? null : bid.getValue(),
                    ask == null ? null : ask.getKey(), ask == null ? null : ask.getValue());
        }
    }

    private static org.knowm.xchange.binance.dto.marketdata.KlineInterval binanceInterval(KlineInterval interval) {
        for (org.knowm.xchange.binance.dto.marketdata.KlineInterval candidate
                : org.knowm.xchange.binance.dto.marketdata.KlineInterval.values()) {
            if (candidate.code().equals(interval.code())) {
                return candidate;
            }
        }
        throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Binance has no " + interval.code() + " klines");
    }

    private final class Account implements TradingClient {
        private final ExchangeCredentials credentials;

        Account(ExchangeCredentials credentials) {
            this.credentials = credentials;
        }

        private Clients shared(Market market) {
            return clients(market, credentials.testnet());
        }

        @Override
        public List<Balance> balances(Market market) {
            Clients shared = shared(market);
            if (market == Market.FUTURES) {
                BinanceFutureAccountInformation info = call(() -> shared.futures().futuresAccount(null,
                        shared.timestamps(), credentials.apiKey(), signer()), BinanceErrors::map);
                // XChange 5.2.1 maps only the wallet total of the futures account (USDⓈ-M: USDT-denominated)
                return List.of(new Balance("USDT", info.getTotalWalletBalance(), BigDecimal.ZERO));
            }
            BinanceAccountInformation info = call(() -> shared.spot().account(null, shared.timestamps(),
                    credentials.apiKey(), signer()), BinanceErrors::map);
            return info.balances.stream()
                    .filter(b -> b.getTotal().signum() > 0)
                    .map(b -> new Balance(b.getCurrency().getCurrencyCode(), b.getAvailable(), b.getLocked()))
                    .toList();
        }

        @Override
        public ExchangeOrder place(OrderRequest request) {
            Symbol symbol = request.symbol();
            Clients shared = shared(symbol.market());
            OrderSide side = request.side() == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
            boolean futures = symbol.market() == Market.FUTURES;
            OrderType type = switch (request.type()) {
                case MARKET -> OrderType.MARKET;
                case LIMIT -> OrderType.LIMIT;
                case STOP_MARKET -> futures ? OrderType.STOP_MARKET : OrderType.STOP_LOSS;
            };
            TimeInForce tif = type == OrderType.LIMIT ? TimeInForce.GTC : null;
            if (!futures) {
                // FULL: the fills and their commission come with the answer (the fees of the execution log and PnL)
                BinanceOrderDto full = call(() -> shared.extensions().newSpotOrder(symbol.concatenated(),
                        side.name(), type.name(), tif == null ? null : tif.name(), request.quantity(),
                        request.limitPrice(), request.clientOrderId(), request.stopPrice(), "FULL", null,
                        shared.timestamps(), credentials.apiKey(), signer()), BinanceErrors::map);
                return BinanceMapping.order(symbol, full);
            }
            String orderId = String.valueOf(call(() -> (Object) shared.futures().newOrder(symbol.concatenated(), side, type,
                    tif, request.quantity(), request.reduceOnly(), request.limitPrice(), request.clientOrderId(),
                    request.stopPrice(), false, null, null, null, null, shared.timestamps(), credentials.apiKey(),
                    signer()).getOrderId(), BinanceErrors::map));
            return new ExchangeOrder(orderId, request.clientOrderId(), symbol, request.side(), request.type(),
                    OrderState.NEW, request.quantity(), null, null, request.limitPrice());
        }

        @Override
        public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
            Clients shared = shared(symbol.market());
            BinanceExtensions api = shared.extensions();
            long id = orderId(exchangeOrderId);
            BinanceOrderDto cancelled = call(() -> symbol.market() == Market.FUTURES
                    ? api.cancelFuturesOrder(symbol.concatenated(), id, null, null, shared.timestamps(),
                    credentials.apiKey(), signer())
                    : api.cancelSpotOrder(symbol.concatenated(), id, null, null, shared.timestamps(),
                    credentials.apiKey(), signer()), BinanceErrors::map);
            return BinanceMapping.order(symbol, cancelled);
        }

        @Override
        public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
            return status(symbol, orderId(exchangeOrderId), null);
        }

        @Override
        public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
            return status(symbol, null, clientOrderId);
        }

        private Optional<ExchangeOrder> status(Symbol symbol, Long orderId, String clientOrderId) {
            Clients shared = shared(symbol.market());
            BinanceExtensions api = shared.extensions();
            try {
                BinanceOrderDto order = call(() -> symbol.market() == Market.FUTURES
                        ? api.futuresOrder(symbol.concatenated(), orderId, clientOrderId, null,
                        shared.timestamps(), credentials.apiKey(), signer())
                        : api.spotOrder(symbol.concatenated(), orderId, clientOrderId, null,
                        shared.timestamps(), credentials.apiKey(), signer()), BinanceErrors::map);
                return Optional.of(BinanceMapping.order(symbol, order));
            } catch (ExchangeException e) {
                if (e.error() == ExchangeError.ORDER_NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        /** A signer per call: the secret lives no longer than this client (one unit of work). */
        private BinanceHmacDigest signer() {
            return BinanceHmacDigest.createInstance(credentials.apiSecret());
        }

        @Override
        public List<OpenPosition> openPositions() {
            Clients shared = shared(Market.FUTURES);
            BinanceFutureAccountInformation info = call(() -> shared.futures().futuresAccount(null,
                    shared.timestamps(), credentials.apiKey(), signer()), BinanceErrors::map);
            return info.getPositions() == null ? List.of() : info.getPositions().stream()
                    .filter(p -> p.getPositionAmt() != null && p.getPositionAmt().signum() != 0)
                    .map(BinanceMapping::position)
                    .toList();
        }

        @Override
        public void setLeverage(Symbol symbol, int leverage) {
            if (symbol.market() != Market.FUTURES) {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Leverage applies to futures only");
            }
            Clients shared = shared(Market.FUTURES);
            call(() -> shared.extensions().changeLeverage(symbol.concatenated(), leverage, null,
                    shared.timestamps(), credentials.apiKey(), signer()), BinanceErrors::map);
        }
    }

    private static long orderId(String exchangeOrderId) {
        try {
            return Long.parseLong(exchangeOrderId);
        } catch (NumberFormatException e) {
            throw new ExchangeException(ExchangeError.ORDER_NOT_FOUND, "Not a Binance order id: " + exchangeOrderId);
        }
    }

    static Side side(BinancePosition position) {
        return position.getPositionAmt().signum() >= 0 ? Side.BUY : Side.SELL;
    }
}
