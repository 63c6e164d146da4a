package com.tradebot.trading.exchange;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Base URLs of an exchange's REST API: live and testnet, spot and futures. Each can be overridden through the
 * function's environment ({@code EXCHANGE_BINANCE_URL}, ..., one per exchange for spot and futures), which is how
 * the local platform and the tests point an exchange at a stub. An override applies to live and testnet alike.
 */
public record ExchangeEndpoints(String spot, String futures, String spotTestnet, String futuresTestnet) {

    public String baseUrl(Market market, boolean testnet) {
        String url = market == Market.FUTURES ? (testnet ? futuresTestnet : futures) : (testnet ? spotTestnet : spot);
        if (url == null) {
            throw new ExchangeException(ExchangeError.NOT_SUPPORTED, "No " + (testnet ? "testnet " : "")
                    + market.code() + " endpoint for this exchange");
        }
        return url;
    }

    /** These endpoints with the overrides of {@code environment} applied for {@code exchange}. */
    public ExchangeEndpoints overriddenBy(String exchange, Map<String, String> environment) {
        String prefix = "EXCHANGE_" + exchange.toUpperCase(Locale.ROOT);
        Optional<String> spotUrl = Optional.ofNullable(environment.get(prefix + "_URL")).filter(s -> !s.isBlank());
        Optional<String> futuresUrl = spotUrl; // one override per exchange, as template.yaml declares it
        return new ExchangeEndpoints(spotUrl.orElse(spot), futures == null ? null : futuresUrl.orElse(futures),
                spotUrl.orElse(spotTestnet), futuresTestnet == null ? null : futuresUrl.orElse(futuresTestnet));
    }

    /** All four point at one server: for stubs. */
    public static ExchangeEndpoints all(String url) {
        return new ExchangeEndpoints(url, url, url, url);
    }
}
