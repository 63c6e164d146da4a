package com.tradebot.trading.exchange;

import com.tradebot.common.ApiException;
import com.tradebot.vault.ExchangeCredentials;
import com.tradebot.vault.ExchangeKey;
import com.tradebot.vault.ExchangeKeyVault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one way trading code reaches a user's exchange account: the credential is decrypted from the vault for the
 * length of one unit of work, only for a market and right the key was saved with, and every call backs off on
 * rate limits. Nothing here logs the credential ({@link ExchangeCredentials#toString} masks it anyway).
 */
public final class ExchangeGateway {
    private final ExchangeKeyVault vault;
    private final Exchanges exchanges;
    private final BackOff backOff;

    public ExchangeGateway(ExchangeKeyVault vault, Exchanges exchanges, BackOff backOff) {
        this.vault = vault;
        this.exchanges = exchanges;
        this.backOff = backOff;
    }

    /** Runs {@code work} against the user's account; the decrypted credential does not outlive the call. */
    public <T> T withAccount(String userId, String keyId, Market market, KeyRight right, Function<TradingClient, T> work) {
        return withAccount(userId, keyId, market, right, (exchange, client) -> work.apply(client));
    }

    /** As above, telling {@code work} the key's exchange too (one vault read instead of a second for the name). */
    public <T> T withAccount(String userId, String keyId, Market market, KeyRight right,
                             BiFunction<String, TradingClient, T> work) {
        ExchangeCredentials credentials = vault.credentialsFor(userId, keyId, market.code(), right.name());
        ExchangeConnector connector = exchanges.require(credentials.exchange());
        if (!connector.markets().contains(market)) {
            throw new ExchangeException(ExchangeError.NOT_SUPPORTED, connector.name() + " is not traded on "
                    + market.code() + " here");
        }
        return work.apply(connector.name(), BackingOffClients.wrap(connector.trading(credentials), backOff));
    }

    public MarketDataClient marketData(String exchange) {
        return BackingOffClients.wrap(exchanges.require(exchange).marketData(), backOff);
    }

    /** What a key check found for one market. {@code error} is an {@link ExchangeError} name when it failed. */
    public record MarketCheck(String market, boolean reachable, Integer assets, String error, String message) {
    }

    /**
     * The answer of {@code POST /api/exchange-keys/{id}/test}: whether the exchange accepted the key (a balance
     * call per market it was saved for) and what the key may therefore do on the platform.
     */
    public record KeyCheck(String keyId, String exchange, boolean testnet, boolean valid, boolean canRead,
                           boolean canTrade, List<String> markets, List<String> permissions,
                           List<MarketCheck> checks) {
    }

    public KeyCheck check(String userId, String keyId) {
        ExchangeKey key = vault.get(userId, keyId);
        ExchangeConnector connector = exchanges.find(key.exchange()).orElseThrow(() -> ApiException.badRequest(
                "EXCHANGE_NOT_SUPPORTED", "Keys for " + key.exchange() + " can be stored but not used yet"));
        ExchangeCredentials credentials = vault.credentials(userId, keyId);
        TradingClient client = BackingOffClients.wrap(connector.trading(credentials), backOff);
        List<MarketCheck> checks = new ArrayList<>();
        for (String marketCode : key.markets()) {
            Market market = Market.parse(marketCode).orElse(null);
            if (market == null || !connector.markets().contains(market)) {
                checks.add(new MarketCheck(marketCode, false, null, ExchangeError.NOT_SUPPORTED.name(),
                        connector.name() + " is not traded on " + marketCode + " here"));
                continue;
            }
            try {
                checks.add(new MarketCheck(marketCode, true, client.balances(market).size(), null, null));
            } catch (ExchangeException e) {
                checks.add(new MarketCheck(marketCode, false, null, e.error().name(), e.getMessage()));
            }
        }
        boolean valid = checks.stream().anyMatch(MarketCheck::reachable);
        // a balance answer proves reading; trading is what the key was saved with (proving it would take an order)
        return new KeyCheck(key.id(), key.exchange(), key.testnet(), valid, valid,
                valid && key.permissions().contains(KeyRight.TRADE.name()),
                key.markets(), key.permissions(), checks);
    }
}
