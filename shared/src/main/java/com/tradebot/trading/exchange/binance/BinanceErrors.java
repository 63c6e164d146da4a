package com.tradebot.trading.exchange.binance;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.xchange.XChangeSupport;
import java.util.Optional;
import org.knowm.xchange.binance.dto.BinanceException;

/** Binance's error codes (https://developers.binance.com/docs/binance-spot-api-docs/errors) in our terms. */
final class BinanceErrors {
    private BinanceErrors() {
    }

    static Optional<ExchangeException> map(Throwable failure) {
        if (!(failure instanceof BinanceException binance)) {
            return Optional.empty();
        }
        String message = "Binance " + binance.getCode() + ": " + binance.getMessage();
        int status = binance.getHttpStatusCode();
        if (status == 429 || status == 418 || binance.getCode() == -1003 || binance.getCode() == -1015) {
            return Optional.of(new ExchangeException(ExchangeError.RATE_LIMITED, message,
                    XChangeSupport.retryAfter(binance.getResponseHeaders()).orElse(null)));
        }
        ExchangeError error = switch (binance.getCode()) {
            // -1022 bad signature, -2014 bad key format, -2015 invalid key / IP / permissions, -1002 unauthorized
            case -1002, -1022, -2014, -2015 -> ExchangeError.BAD_CREDENTIALS;
            case -1121 -> ExchangeError.INVALID_SYMBOL;
            case -2013, -2011 -> ExchangeError.ORDER_NOT_FOUND; // "Order does not exist." / "Unknown order sent."
            case -2019, -2018 -> ExchangeError.INSUFFICIENT_BALANCE;
            case -2010 -> binance.getMessage() != null && binance.getMessage().toLowerCase().contains("insufficient")
                    ? ExchangeError.INSUFFICIENT_BALANCE
                    : binance.getMessage() != null && binance.getMessage().toLowerCase().contains("duplicate")
                    ? ExchangeError.DUPLICATE_ORDER : ExchangeError.INVALID_ORDER;
            case -4015, -4116 -> ExchangeError.DUPLICATE_ORDER;
            case -1013, -1100, -1102, -1111, -1106, -1116, -1117, -4164 -> ExchangeError.INVALID_ORDER;
            case -1001, -1007, -1016 -> ExchangeError.UNAVAILABLE;
            default -> null;
        };
        if (error == null) {
            return XChangeSupport.byHttpStatus(binance).or(() -> Optional.of(
                    new ExchangeException(ExchangeError.UNAVAILABLE, message)));
        }
        return Optional.of(new ExchangeException(error, message));
    }
}
