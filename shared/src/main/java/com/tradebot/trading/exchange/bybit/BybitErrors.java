package com.tradebot.trading.exchange.bybit;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.xchange.XChangeSupport;
import java.util.Optional;
import org.knowm.xchange.bybit.service.BybitException;
import si.mazi.rescu.HttpStatusIOException;

/** Bybit v5 return codes (https://bybit-exchange.github.io/docs/v5/error) in our terms. */
final class BybitErrors {
    private BybitErrors() {
    }

    static Optional<ExchangeException> map(Throwable failure) {
        if (failure instanceof BybitException bybit) {
            return Optional.of(byCode(bybit.getRetCode(), bybit.getRetMsg()));
        }
        if (failure instanceof HttpStatusIOException http && http.getHttpStatusCode() == 403) {
            // Bybit answers 403 when the IP rate limit is breached (bans lift after 10 minutes)
            return Optional.of(new ExchangeException(ExchangeError.RATE_LIMITED, "Bybit: HTTP 403, IP rate limit"));
        }
        return Optional.empty();
    }

    static ExchangeException byCode(int code, String message) {
        String text = "Bybit " + code + ": " + message;
        ExchangeError error = switch (code) {
            case 10003, 10004, 10005, 10007, 10009, 10010, 33004 -> ExchangeError.BAD_CREDENTIALS;
            case 10006, 10018, 10029 -> ExchangeError.RATE_LIMITED;
            case 110004, 110007, 110012, 110044, 110045, 170131, 170033, 170034 -> ExchangeError.INSUFFICIENT_BALANCE;
            case 110001, 110008, 110010, 170213 -> ExchangeError.ORDER_NOT_FOUND;
            case 110072, 170141 -> ExchangeError.DUPLICATE_ORDER;
            case 10001 -> message != null && message.toLowerCase().contains("symbol")
                    ? ExchangeError.INVALID_SYMBOL : ExchangeError.INVALID_ORDER;
            case 170121, 110023 -> ExchangeError.INVALID_SYMBOL;
            case 10000, 10016, 170007 -> ExchangeError.UNAVAILABLE;
            default -> ExchangeError.INVALID_ORDER;
        };
        return new ExchangeException(error, text);
    }

    /** Throws the mapped error unless {@code result} succeeded. */
    static <T> T unwrap(BybitV5Dtos.Result<T> result) {
        if (result.retCode() != 0) {
            throw byCode(result.retCode(), result.retMsg());
        }
        return result.result();
    }

    static ExchangeException mapped(Throwable failure) {
        return XChangeSupport.map(failure, BybitErrors::map);
    }
}
