package com.tradebot.trading.exchange.bitget;

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
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.Ticker;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.vault.ExchangeCredentials;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.bitget.BitgetAdapters;
import org.knowm.xchange.bitget.BitgetExchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.bitget.service.BitgetAccountService;
import org.knowm.xchange.bitget.service.BitgetDigest;
import org.knowm.xchange.bitget.service.BitgetMarketDataService;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.utils.nonce.CurrentTimeIncrementalNonceFactory;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bitget spot through XChange's Bitget module (tickers, order book, balances, signing) and
 * {@link BitgetExtensions}. XChange's module covers spot only, so futures here are {@link ExchangeError#NOT_SUPPORTED};
 * Bitget has no separate testnet host (its demo trading uses the live host with a header), so the testnet flag
 * selects the same URL.
 */
public final class BitgetConnector implements ExchangeConnector {
    public static final ExchangeEndpoints ENDPOINTS = new ExchangeEndpoints("https://api.bitget.com", null,
            "https://api.bitget.com", null);

    private final ExchangeEndpoints endpoints;

    public BitgetConnector(ExchangeEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "bitget";
    }

    @Override
    public Set<Market> markets() {
        return EnumSet.of(Market.SPOT);
    }

    /**
     * Key-less exchanges and REST proxies are shared per network: building an exchange loads XChange's metadata with
     * a fresh Jackson mapper each time, and a proxy is built by reflection. The signed extension calls take the key,
     * signer and passphrase as arguments, so they use the shared proxy; only XChange's own account service needs an
     * exchange holding the credential, built when a {@link #trading} client (a unit of work) first asks for balances.
     */
    private final java.util.Map<String, Exchange> publicExchanges = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Boolean, BitgetExtensions> proxies = new java.util.concurrent.ConcurrentHashMap<>();

    private BitgetExtensions sharedExtensions(boolean testnet) {
        return proxies.computeIfAbsent(testnet, t -> extensions(exchange(t, null)));
    }

    private Exchange exchange(boolean testnet, ExchangeCredentials credentials) {
        if (credentials == null) {
            return publicExchanges.computeIfAbsent(Boolean.toString(testnet), k -> createExchange(testnet, null));
        }
        return createExchange(testnet, credentials);
    }

    private Exchange createExchange(boolean testnet, ExchangeCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(BitgetExchange.class);
        spec.setSslUri(endpoints.baseUrl(Market.SPOT, testnet));
        spec.setShouldLoadRemoteMetaData(false);
        if (credentials != null) {
            spec.setApiKey(credentials.apiKey());
            spec.setSecretKey(credentials.apiSecret());
            spec.setPassword(credentials.passphrase());
        }
        return ExchangeFactory.INSTANCE.createExchange(spec);
    }

    private static BitgetExtensions extensions(Exchange exchange) {
        return ExchangeRestProxyBuilder.forInterface(BitgetExtensions.class, exchange.getExchangeSpecification()).build();
    }

    private static void requireSpot(Market market) {
        if (market != Market.SPOT) {
            throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Bitget is traded spot only here");
        }
    }

    @Override
    public MarketDataClient marketData() {
        return new MarketDataClient() {
            @Override
            public Ticker ticker(Symbol symbol) {
                requireSpot(symbol.market());
                BitgetMarketDataService service = (BitgetMarketDataService) exchange(false, null).getMarketDataService();
                // XChange maps Bitget's symbols back to pairs through a table its remote init fills; we skip that
                BitgetAdapters.putSymbolMapping(symbol.concatenated(), new CurrencyPair(symbol.base(), symbol.quote()));
                org.knowm.xchange.dto.marketdata.Ticker t = call(() -> service.getTicker(instrument(symbol)),
                        BitgetErrors::map);
                return new Ticker(symbol, t.getLast(), t.getBid(), t.getAsk(), t.getVolume(),
                        t.getTimestamp() == null ? null : t.getTimestamp().toInstant());
            }

            @Override
            public List<Kline> klines(Symbol symbol, KlineInterval interval, int limit) {
                requireSpot(symbol.market());
                BitgetExtensions api = sharedExtensions(false);
                List<List<String>> rows = BitgetErrors.unwrap(call(() -> api.candles(symbol.concatenated(),
                        granularity(interval), limit), BitgetErrors::map));
                List<Kline> klines = new ArrayList<>();
                for (List<String> row : rows) {
                    klines.add(new Kline(Instant.ofEpochMilli(Long.parseLong(row.get(0))), new BigDecimal(row.get(1)),
                            new BigDecimal(row.get(2)), new BigDecimal(row.get(3)), new BigDecimal(row.get(4)),
                            new BigDecimal(row.get(5))));
                }
                klines.sort(Comparator.comparing(Kline::openTime));
                return klines;
            }

            @Override
            public BookTop bookTop(Symbol symbol) {
                requireSpot(symbol.market());
                BitgetMarketDataService service = (BitgetMarketDataService) exchange(false, null).getMarketDataService();
                OrderBook book = call(() -> service.getOrderBook(instrument(symbol)), BitgetErrors::map);
                LimitOrder bid = book.getBids().isEmpty() ? null : book.getBids().get(0);
                LimitOrder ask = book.getAsks().isEmpty() ? null : book.getAsks().get(0);
                return new BookTop(symbol, bid == null ? null : bid.getLimitPrice(),
                        bid == null ? null : bid.getOriginalAmount(), ask == null ? null : ask.getLimitPrice(),
                        ask == null ? null : ask.getOriginalAmount());
            }
        };
    }

    /** Bitget's spot candle granularities. */
    static String granularity(KlineInterval interval) {
        return switch (interval) {
            case M1 -> "1min";
            case M5 -> "5min";
            case M15 -> "15min";
            case M30 -> "30min";
            case H1 -> "1h";
            case H4 -> "4h";
            case D1 -> "1day";
        };
    }

    @Override
    public TradingClient trading(ExchangeCredentials credentials) {
        BitgetExtensions api = sharedExtensions(credentials.testnet());
        SynchronizedValueFactory<Long> timestamps = new CurrentTimeIncrementalNonceFactory(TimeUnit.MILLISECONDS);
        return new TradingClient() {
            private Exchange signedExchange;

            private synchronized Exchange signedExchange() {
                if (signedExchange == null) {
                    signedExchange = BitgetConnector.this.exchange(credentials.testnet(), credentials);
                }
                return signedExchange;
            }

            private BitgetDigest signer() {
                return BitgetDigest.createInstance(credentials.apiSecret());
            }

            @Override
            public List<Balance> balances(Market market) {
                requireSpot(market);
                BitgetAccountService service = (BitgetAccountService) signedExchange().getAccountService();
                List<Balance> balances = new ArrayList<>();
                call(() -> service.getAccountInfo(), BitgetErrors::map).getWallets().values()
                        .forEach(wallet -> wallet.getBalances().forEach((currency, b) -> {
                            if (b.getTotal() != null && b.getTotal().signum() > 0) {
                                balances.add(new Balance(currency.getCurrencyCode(), b.getAvailable(), b.getFrozen()));
                            }
                        }));
                return balances;
            }

            @Override
            public ExchangeOrder place(OrderRequest request) {
                requireSpot(request.symbol().market());
                boolean stop = request.type() == OrderType.STOP_MARKET;
                BitgetV2Dtos.PlaceOrder order = new BitgetV2Dtos.PlaceOrder(request.symbol().concatenated(),
                        request.side() == Side.BUY ? "buy" : "sell",
                        request.type() == OrderType.LIMIT ? "limit" : "market",
                        request.type() == OrderType.LIMIT ? "gtc" : null,
                        request.limitPrice() == null ? null : request.limitPrice().toPlainString(),
                        request.quantity().toPlainString(), request.clientOrderId(),
                        stop ? request.stopPrice().toPlainString() : null, stop ? "tpsl" : null);
                BitgetV2Dtos.OrderId placed = BitgetErrors.unwrap(call(() -> api.placeOrder(credentials.apiKey(),
                        signer(), credentials.passphrase(), timestamps, order), BitgetErrors::map));
                return new ExchangeOrder(placed.orderId(), request.clientOrderId(), request.symbol(), request.side(),
                        request.type(), OrderState.NEW, request.quantity(), null, null, request.limitPrice());
            }

            @Override
            public ExchangeOrder cancel(Symbol symbol, String exchangeOrderId) {
                requireSpot(symbol.market());
                BitgetV2Dtos.OrderId cancelled = BitgetErrors.unwrap(call(() -> api.cancelOrder(credentials.apiKey(),
                        signer(), credentials.passphrase(), timestamps,
                        new BitgetV2Dtos.CancelOrder(symbol.concatenated(), exchangeOrderId)), BitgetErrors::map));
                return new ExchangeOrder(cancelled.orderId(), cancelled.clientOid(), symbol, null, null,
                        OrderState.CANCELED, null, null, null, null);
            }

            @Override
            public Optional<ExchangeOrder> order(Symbol symbol, String exchangeOrderId) {
                return find(symbol, exchangeOrderId, null);
            }

            @Override
            public Optional<ExchangeOrder> orderByClientId(Symbol symbol, String clientOrderId) {
                return find(symbol, null, clientOrderId);
            }

            private Optional<ExchangeOrder> find(Symbol symbol, String orderId, String clientOid) {
                requireSpot(symbol.market());
                try {
                    List<BitgetV2Dtos.OrderInfo> found = BitgetErrors.unwrap(call(() -> api.orderInfo(
                            credentials.apiKey(), signer(), credentials.passphrase(), timestamps, orderId, clientOid),
                            BitgetErrors::map));
                    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(toOrder(symbol, found.get(0)));
                } catch (ExchangeException e) {
                    if (e.error() == ExchangeError.ORDER_NOT_FOUND) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public List<OpenPosition> openPositions() {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Bitget is traded spot only here");
            }

            @Override
            public void setLeverage(Symbol symbol, int leverage) {
                throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "Bitget is traded spot only here");
            }
        };
    }

    static ExchangeOrder toOrder(Symbol symbol, BitgetV2Dtos.OrderInfo info) {
        OrderState state = switch (info.status() == null ? "" : info.status()) {
            case "live", "new", "init" -> OrderState.NEW;
            case "partially_filled" -> OrderState.PARTIALLY_FILLED;
            case "filled" -> OrderState.FILLED;
            case "cancelled" -> OrderState.CANCELED;
            default -> OrderState.UNKNOWN;
        };
        BigDecimal average = info.priceAvg() == null || info.priceAvg().signum() == 0 ? null : info.priceAvg();
        return new ExchangeOrder(info.orderId(), info.clientOid(), symbol, "sell".equals(info.side()) ? Side.SELL
                : Side.BUY, "market".equals(info.orderType()) ? OrderType.MARKET : OrderType.LIMIT, state,
                info.size(), info.baseVolume(), average,
                info.price() == null || info.price().signum() == 0 ? null : info.price());
    }
}
