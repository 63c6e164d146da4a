package com.tradebot.trading.exchange;

import java.util.Locale;
import java.util.Objects;

/**
 * A tradable instrument, neutral of any exchange's spelling: base and quote asset and the market it trades on.
 * {@code BTC/USDT} on spot is the pair, on futures the USDT-margined perpetual.
 */
public record Symbol(String base, String quote, Market market) {
    public Symbol {
        Objects.requireNonNull(market, "market");
        if (base == null || quote == null || !base.matches("[A-Z0-9]{1,20}") || !quote.matches("[A-Z0-9]{1,20}")) {
            throw new ExchangeException(ExchangeError.INVALID_SYMBOL, "Not a symbol: " + base + "/" + quote);
        }
    }

    /** Parses {@code BTC/USDT} (also {@code btc-usdt}, {@code BTC_USDT}). */
    public static Symbol parse(String pair, Market market) {
        if (pair == null) {
            throw new ExchangeException(ExchangeError.INVALID_SYMBOL, "A pair is required, e.g. BTC/USDT");
        }
        String[] parts = pair.trim().toUpperCase(Locale.ROOT).split("[/_-]");
        if (parts.length != 2) {
            throw new ExchangeException(ExchangeError.INVALID_SYMBOL, "Not a pair: " + pair + " (expected BASE/QUOTE)");
        }
        return new Symbol(parts[0], parts[1], market);
    }

    public static Symbol spot(String pair) {
        return parse(pair, Market.SPOT);
    }

    public static Symbol futures(String pair) {
        return parse(pair, Market.FUTURES);
    }

    /** {@code BTC/USDT}. */
    public String pair() {
        return base + "/" + quote;
    }

    /** {@code BTCUSDT}: the spelling Binance, Bybit, Bitget and MEXC use on their REST APIs. */
    public String concatenated() {
        return base + quote;
    }

    @Override
    public String toString() {
        return pair() + (market == Market.FUTURES ? " (futures)" : "");
    }
}
