package com.tradebot.strategy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Trading pairs as {@code BASE/QUOTE}; {@code BTCUSDT} and {@code btc-usdt} are accepted and normalised. */
public final class Pairs {
    private static final Pattern SEPARATED = Pattern.compile("([A-Z0-9]{2,15})[/\\-_:]([A-Z0-9]{2,15})");
    private static final Pattern JOINED = Pattern.compile("[A-Z0-9]{4,30}");
    /** Quote currencies recognised at the end of a joined symbol, longest first so USDT wins over USD. */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "EUR", "USD", "BTC",
            "ETH", "BNB", "TRY", "GBP", "JPY", "DAI");

    private Pairs() {
    }

    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        // TradingView tickers may carry the exchange prefix: BINANCE:BTCUSDT
        int colon = upper.indexOf(':');
        if (colon > 0 && !upper.contains("/")) {
            upper = upper.substring(colon + 1);
        }
        upper = upper.replace(".P", "");
        Matcher separated = SEPARATED.matcher(upper);
        if (separated.matches()) {
            return Optional.of(separated.group(1) + "/" + separated.group(2));
        }
        if (JOINED.matcher(upper).matches()) {
            for (String quote : QUOTES) {
                if (upper.endsWith(quote) && upper.length() - quote.length() >= 2) {
                    return Optional.of(upper.substring(0, upper.length() - quote.length()) + "/" + quote);
                }
            }
        }
        return Optional.empty();
    }
}
