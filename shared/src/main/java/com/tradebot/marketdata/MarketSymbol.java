package com.tradebot.marketdata;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A trading pair. Accepts {@code BTC/USDT}, {@code BTC-USDT}, {@code btc_usdt} and the exchange-style
 * {@code BTCUSDT} (split at a known quote currency); always prints as {@code BTC/USDT}.
 */
public record MarketSymbol(String base, String quote) {
    /** Longest first, so BTCUSDT splits at USDT rather than USD. */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "GBP",
            "TRY", "BTC", "ETH", "BNB", "DAI");
    private static final Pattern PART = Pattern.compile("[A-Z0-9]{1,15}");

    public MarketSymbol {
        if (base == null || quote == null || !PART.matcher(base).matches() || !PART.matcher(quote).matches()) {
            throw new IllegalArgumentException("Invalid symbol " + base + "/" + quote);
        }
    }

    public static MarketSymbol parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Symbol is required (e.g. BTC/USDT or BTCUSDT)");
        }
        String s = text.trim().toUpperCase(Locale.ROOT);
        String[] parts = s.split("[/\\-_:]");
        if (parts.length == 2) {
            return new MarketSymbol(parts[0], parts[1]);
        }
        if (parts.length == 1) {
            for (String quote : QUOTES) {
                if (s.endsWith(quote) && s.length() > quote.length()) {
                    return new MarketSymbol(s.substring(0, s.length() - quote.length()), quote);
                }
            }
        }
        throw new IllegalArgumentException("Cannot read symbol '" + text + "' (use BASE/QUOTE, e.g. BTC/USDT)");
    }

    /** The exchange-style form, e.g. {@code BTCUSDT}. */
    public String compact() {
        return base + quote;
    }

    @Override
    public String toString() {
        return base + "/" + quote;
    }
}
