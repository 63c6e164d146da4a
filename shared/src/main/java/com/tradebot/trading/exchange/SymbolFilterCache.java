package com.tradebot.trading.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Symbol filters per exchange and symbol, read once and kept for {@link #TTL} (they change rarely; Binance asks
 * clients to cache {@code exchangeInfo}), so an order costs no extra request. An exchange that cannot say (no filters
 * read for it here, or unreachable) is remembered too, for {@link #TTL} or {@link #RETRY_AFTER}, so a burst of orders
 * does not ask again each time. One cache lives as long as the function instance that built it.
 */
public final class SymbolFilterCache {
    public static final Duration TTL = Duration.ofHours(1);
    public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private record Entry(SymbolFilters filters, Instant until) {
    }

    private final ExchangeGateway gateway;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SymbolFilterCache(ExchangeGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * The symbol's filters, empty when the exchange cannot say; {@link ExchangeException} INVALID_SYMBOL when it does
     * not list the symbol.
     */
    public Optional<SymbolFilters> filters(String exchange, Symbol symbol) {
        String key = exchange + "|" + symbol.market() + "|" + symbol.pair();
        Instant now = clock.instant();
        Entry cached = entries.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.ofNullable(cached.filters());
        }
        try {
            SymbolFilters read = gateway.marketData(exchange).filters(symbol);
            entries.put(key, new Entry(read, now.plus(TTL)));
            return Optional.of(read);
        } catch (ExchangeException e) {
            if (e.error() == ExchangeError.INVALID_SYMBOL) {
                throw e;
            }
            entries.put(key, new Entry(null, now.plus(e.error() == ExchangeError.NOT_SUPPORTED ? TTL : RETRY_AFTER)));
            return Optional.empty();
        }
    }
}
