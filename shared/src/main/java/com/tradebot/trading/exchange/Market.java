package com.tradebot.trading.exchange;

import java.util.Locale;
import java.util.Optional;

/** Which side of an exchange an order or key is for: spot wallets or (USDT-margined linear) perpetual futures. */
public enum Market {
    SPOT, FUTURES;

    /** The lower-case name used in the API and in stored keys ({@code spot}, {@code futures}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Market> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Market market : values()) {
            if (market.code().equalsIgnoreCase(value.trim())) {
                return Optional.of(market);
            }
        }
        return Optional.empty();
    }
}
