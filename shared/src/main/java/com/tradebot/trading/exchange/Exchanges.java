package com.tradebot.trading.exchange;

import com.tradebot.common.Env;
import com.tradebot.trading.exchange.binance.BinanceConnector;
import com.tradebot.trading.exchange.bitget.BitgetConnector;
import com.tradebot.trading.exchange.bybit.BybitConnector;
import com.tradebot.trading.exchange.mexc.MexcConnector;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The exchanges the platform can trade on, by the name keys store. */
public final class Exchanges {
    private final Map<String, ExchangeConnector> connectors = new LinkedHashMap<>();

    public Exchanges(Iterable<ExchangeConnector> connectors) {
        connectors.forEach(c -> this.connectors.put(c.name(), c));
    }

    /**
     * The connectors with their base URLs from the function's environment ({@code EXCHANGE_<NAME>_URL},
     * one override serves spot and futures; unset = the exchange's own).
     */
    public static Exchanges fromEnvironment(Clock clock) {
        return of(variables("binance", "bybit", "bitget", "mexc"), clock);
    }

    public static Exchanges of(Map<String, String> environment, Clock clock) {
        return new Exchanges(java.util.List.of(
                new BinanceConnector(BinanceConnector.ENDPOINTS.overriddenBy("binance", environment)),
                new BybitConnector(BybitConnector.ENDPOINTS.overriddenBy("bybit", environment)),
                new BitgetConnector(BitgetConnector.ENDPOINTS.overriddenBy("bitget", environment)),
                new MexcConnector(MexcConnector.ENDPOINTS.overriddenBy("mexc", environment), clock)));
    }

    /** The names keys and sessions use ({@code binance}, ...). */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(connectors.keySet());
    }

    public Optional<ExchangeConnector> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(connectors.get(name.toLowerCase(Locale.ROOT)));
    }

    public ExchangeConnector require(String name) {
        return find(name).orElseThrow(() -> new ExchangeException(ExchangeError.NOT_SUPPORTED,
                "Trading on " + name + " is not supported; supported: " + connectors.keySet()));
    }

    private static Map<String, String> variables(String... exchanges) {
        Map<String, String> found = new HashMap<>();
        for (String exchange : exchanges) {
            String prefix = "EXCHANGE_" + exchange.toUpperCase(Locale.ROOT);
            Env.find(prefix + "_URL").ifPresent(v -> found.put(prefix + "_URL", v));
        }
        return found;
    }
}
