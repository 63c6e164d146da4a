package com.tradebot.trading.exchange.bybit;

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
import com.tradebot.trading.exchange.Ticker;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.vault.ExchangeCredentials;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.bybit.BybitExchange;
import org.knowm.xchange.bybit.dto.BybitCategory;
import org.knowm.xchange.bybit.dto.trade.BybitSide;
import org.knowm.xchange.bybit.service.BybitAccountService;
import org.knowm.xchange.bybit.service.BybitDigest;
import org.knowm.xchange.bybit.service.BybitMarketDataService;
import org.knowm.xchange.bybit.service.BybitTradeService;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.dto.account.Wallet;
import org.knowm.xchange.utils.nonce.CurrentTimeIncrementalNonceFactory;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bybit v5 (unified account: spot and USDT perpetuals) through XChange's Bybit module — tickers, balances, market and
 * limit orders, cancel — and {@link BybitExtensions} for what that module lacks.
 */
public final class BybitConnector implements ExchangeConnector {
    public static final ExchangeEndpoints ENDPOINTS = new ExchangeEndpoints("https://api.bybit.com",
            "https://api.bybit.com", "https://api-testnet.bybit.com", "https://api-testnet.bybit.com");

    private final ExchangeEndpoints endpoints;

    public BybitConnector(ExchangeEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "bybit";
    }

    @Override
    public Set<Market> markets() {
        return EnumSet.of(Market.SPOT, Market.FUTURES);
    }

    /**
     * Key-less exchanges and REST proxies are shared per market and network: building an exchange loads XChange's
     * metadata with a fresh Jackson mapper each time, and a proxy is built by reflection. The signed extension calls
     * take the key and signer as arguments, so they use the shared proxy; XChange's own signed services need an
     * exchange holding the credential, built at most once per market for one {@link #trading} client (a unit of work).
     */
    private final java.util.Map<String, Exchange> publicExchanges = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, BybitExtensions> proxies = new java.util.concurrent.ConcurrentHashMap<>();

    private BybitExtensions sharedExtensions(Market market, boolean testnet) {
        return proxies.computeIfAbsent(market + "|" + testnet, k -> extensions(exchange(market, testnet, null)));
    }

    private Exchange exchange(Market market, boolean testnet, ExchangeCredentials credentials) {
        if (credentials == null) {
            return publicExchanges.computeIfAbsent(market + "|" + testnet, k -> createExchange(market, testnet, null));
        }
        return createExchange(market, testnet, credentials);
    }

    private Exchange createExchange(Market market, boolean testnet, ExchangeCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(BybitExchange.class);
        spec.setSslUri(endpoints.baseUrl(market, testnet));
        spec.setShouldLoadRemoteMetaData(false);
        spec.setExchangeSpecificParametersItem(Exchange.USE_SANDBOX, false);
        if (credentials != null) {
            spec.setApiKey(credentials.apiKey());
            spec.setSecretKey(credentials.apiSecret());
        }
        return ExchangeFactory.INSTANCE.createExchange(spec);
    }

    private static BybitExtensions extensions(Exchange exchange) {
        return ExchangeRestProxyBuilder.forInterface(BybitExtensions.class, exchange.getExchangeSpecification()).build();
    }

    static String category(Symbol symbol) {
        return symbol.market() == Market.FUTURES ? BybitCategory.LINEAR.getValue() : BybitCategory.SPOT.getValue();
    }

    @Override
    public MarketDataClient marketData() {
        return new MarketDataClient() {
            @Override
            public Ticker ticker(Symbol symbol) {
                BybitMarketDataService service = (BybitMarketDataService) exchange(symbol.market(), false, null)
                        .getMarketDataService();
                org.knowm.xchange.dto.marketdata.Ticker t = call(() -> service.getTicker(instrument(symbol)),
                        BybitErrors::map);
                return new Ticker(symbol, t.getLast(), t.getBid(), t.getAsk(), t.getVolume(),
                        t.getTimestamp() == null ? null : t.getTimestamp().toInstant());
            }

            @Override
            public List<Kline> klines(Symbol symbol, KlineInterval interval, int limit) {
                BybitExtensions api = sharedExtensions(symbol.market(), false);
                BybitV5Dtos.Klines klines = BybitErrors.unwrap(call(() -> api.klines(category(symbol),
                        interval(interval), limit, symbol.concatenated()), BybitErrors::map));
                List<Kline> result = new ArrayList<>();
                for (List<String> row : klines.list()) {
                    result.add(new Kline(Instant.ofEpochMilli(Long.parseLong(row.get(0))), new BigDecimal(row.get(1)),
                            new BigDecimal(row.get(2)), new BigDecimal(row.get(3)), new BigDecimal(row.get(4)),
                            new BigDecimal(row.get(5))));
                }
                Collections.reverse(result); // Bybit lists newest first
                return result;
            }

            @Override
            public BookTop bookTop(Symbol symbol) {
                BybitExtensions api = sharedExtensions(symbol.market(), false);
                BybitV5Dtos.Book book = BybitErrors.unwrap(call(() -> api.orderBook(category(symbol), 1,
                        symbol.concatenated()), BybitErrors::map));
                List<BigDecimal> bid = book.b() == null || book.b().isEmpty() ? null : book.b().get(0);
                List<BigDecimal> ask = book.a() == null || book.a().isEmpty() ? null : book.a().get(0);
                return new BookTop(symbol, bid == null ? null : bid.get(0), bid == null ? null : bid.get(1),
                        ask == null ? null : ask.get(0), ask == null ? null : ask.get(1));
            }
        };
    }

    /** Bybit's interval codes: minutes as numbers, {@code D} for a day. */
    static String interval(KlineInterval interval) {
        return switch (interval) {
            case M1 -> "1";
            case M5 -> "5";
            case M15 -> "15";
            case M30 -> "30";
            case H1 -> "60";
            case H4 -> "240";
            case D1 -> "D";
        };
    }

    @Override
    public TradingClient trading(ExchangeCredentials credentials) {
        return new Account(credentials);
    }

    private final class Account implements TradingClient {
        private final ExchangeCredentials credentials;
        private final SynchronizedValueFactory<Long> timestamps =
                new CurrentTimeIncrementalNonceFactory(TimeUnit.MILLISECONDS);

        Account(ExchangeCredentials credentials) {
            this.credentials = credentials;
        }

        private final java.util.Map<Market, Exchange> signedExchanges = new java.util.EnumMap<>(Market.class);

        private synchronized Exchange exchange(Market market) {
            return signedExchanges.computeIfAbsent(market,
                    m -> BybitConnector.this.exchange(m, credentials.testnet(), credentials));
        }

        private BybitExtensions signedExtensions(Market market) {
            return sharedExtensions(market, credentials.testnet());
        }

        private BybitDigest signer() {
            return (BybitDigest) BybitDigest.createInstance(credentials.apiSecret());
        }

        @Override
        public List<Balance> balances(Market market) {
            // one unified wallet margins spot and derivatives alike
            BybitAccountService service = (BybitAccountService) exchange(market).getAccountService();
            List<Wallet> wallets = call(() -> service.getAccountInfo().getWallets().values().stream().toList(),
                    BybitErrors::map);
            List<Balance> balances = new ArrayList<>();
            for (Wallet wallet : wallets) {
                wallet.getBalances().forEach((currency, b) -> {
                    if (b.getTotal() != null && b.getTotal().signum() > 0) {
                        balances.add(new Balance(currency.getCurrencyCode(), b.getAvailable(),
                                b.getTotal().subtract(b.getAvailable())));
                    }
                });
            }
            return balances;
        }

        @Override
        public ExchangeOrder place(OrderRequest request) {
            Symbol symbol = request.symbol();
            String orderId;
            if (request.type() == com.tradebot.trading.exchange.OrderType.STOP_MARKET) {
                // triggerDirection 1: fires when the price rises to the trigger (a buy stop), 2: when it falls
                BybitV5Dtos.StopOrder stop = new BybitV5Dtos.StopOrder(category(symbol), symbol.concatenated(),
                        request.side() == Side.BUY ? "Buy" : "Sell", "Market", request.quantity().toPlainString(),
                        request.stopPrice().toPlainString(), request.side() == Side.BUY ? 1 : 2, request.clientOrderId(),
                        symbol.market() == Market.FUTURES ? request.reduceOnly() : null,
                        symbol.market() == Market.SPOT ? "StopOrder" : null);
                BybitExtensions api = signedExtensions(symbol.market());
                orderId = BybitErrors.unwrap(call(() -> api.stopOrder(credentials.apiKey(), signer(), timestamps, stop),
                        BybitErrors::map)).orderId();
            } else {
                BybitTradeService service = (BybitTradeService) exchange(symbol.market()).getTradeService();
                BybitCategory category = symbol.market() == Market.FUTURES ? BybitCategory.LINEAR : BybitCategory.SPOT;
                BybitSide side = request.side() == Side.BUY ? BybitSide.BUY : BybitSide.SELL;
                orderId = call(() -> (request.type() == com.tradebot.trading.exchange.OrderType.MARKET
                        ? service.placeMarketOrder(category, symbol.concatenated(), side, request.quantity(),
                        request.clientOrderId())
                        : service.placeLimitOrder(category, symbol.concatenated(), side, request.quantity(),
                        request.limitPrice(), request.clientOrderId())).getResult().getOrderId(), BybitErrors::map);
            }
            return new ExchangeOrder(orderId, request.clientOrderId(), symbol, request.side(), request.type(),
                    OrderState.NEW, request.quantity(), null, null, request.limitPrice());
        }

        @Override
        public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
            BybitTradeService service = (BybitTradeService) exchange(symbol.market()).getTradeService();
            BybitCategory category = symbol.market() == Market.FUTURES ? BybitCategory.LINEAR : BybitCategory.SPOT;
            String id = call(() -> service.cancelOrder(category, symbol.concatenated(), exchangeOrderId, null)
                    .getResult().getOrderId(), BybitErrors::map);
            return new ExchangeOrder(id, null, symbol, null, null, OrderState.CANCELED, null, null, null, null);
        }

        @Override
        public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
            return find(symbol, exchangeOrderId, null);
        }

        @Override
        public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
            return find(symbol, null, clientOrderId);
        }

        /** Open orders first, then history: Bybit keeps a finished order only in the latter. */
        private Optional<ExchangeOrder> find(Symbol symbol, String orderId, String orderLinkId) {
            BybitExtensions api = signedExtensions(symbol.market());
            String category = category(symbol);
            BybitV5Dtos.Orders open = BybitErrors.unwrap(call(() -> api.openOrders(credentials.apiKey(), signer(),
                    timestamps, category, orderId, orderLinkId, symbol.concatenated()), BybitErrors::map));
            if (open.list() != null && !open.list().isEmpty()) {
                return Optional.of(BybitMapping.order(symbol, open.list().get(0)));
            }
            BybitV5Dtos.Orders done = BybitErrors.unwrap(call(() -> api.orderHistory(credentials.apiKey(), signer(),
                    timestamps, category, orderId, orderLinkId, symbol.concatenated()), BybitErrors::map));
            return done.list() == null || done.list().isEmpty() ? Optional.empty()
                    : Optional.of(BybitMapping.order(symbol, done.list().get(0)));
        }

        @Override
        public List<OpenPosition> openPositions() {
            BybitExtensions api = signedExtensions(Market.FUTURES);
            BybitV5Dtos.Positions positions = BybitErrors.unwrap(call(() -> api.positions(credentials.apiKey(),
                    signer(), timestamps, "linear", "USDT"), BybitErrors::map));
            return positions.list() == null ? List.of() : positions.list().stream()
                    .filter(p -> p.size() != null && p.size().signum() > 0)
                    .map(BybitMapping::position)
                    .toList();
        }

        @Override
        public void setLeverage(Symbol symbol, int leverage) {
            if (symbol.market() != Market.FUTURES) {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Leverage applies to futures only");
            }
            BybitExtensions api = signedExtensions(Market.FUTURES);
            BybitV5Dtos.Result<?> result = call(() -> api.setLeverage(credentials.apiKey(), signer(), timestamps,
                    new BybitV5Dtos.Leverage("linear", symbol.concatenated(), Integer.toString(leverage),
                            Integer.toString(leverage))), BybitErrors::map);
            if (result.retCode() != 0 && result.retCode() != 110043) { // 110043: leverage not modified
                throw BybitErrors.byCode(result.retCode(), result.retMsg());
            }
        }
    }
}
