package com.tradebot.vault;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A stored exchange credential as listed: never the secret, only the last four characters of the key.
 * {@code markets} ({@code spot}, {@code futures}) and {@code permissions} ({@code READ}, {@code TRADE}) are what the
 * user saved it for; an order may use the key only for a market and right it was saved with.
 */
public record ExchangeKey(String id, String userId, String exchange, String maskedKey, List<String> permissions,
                          List<String> markets, boolean testnet, Instant createdAt) {

    /** Keys saved before markets were recorded count as spot-only: the narrowest reading of what the user allowed. */
    public static final List<String> LEGACY_MARKETS = List.of("spot");

    public ExchangeKey {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        markets = markets == null || markets.isEmpty() ? LEGACY_MARKETS : List.copyOf(markets);
    }

    /** Whether the key was saved for {@code market} (e.g. {@code spot}) and {@code right} (e.g. {@code TRADE}). */
    public boolean allows(String market, String right) {
        return market != null && right != null && markets.contains(market.toLowerCase(Locale.ROOT))
                && permissions.contains(right.toUpperCase(Locale.ROOT));
    }
}
