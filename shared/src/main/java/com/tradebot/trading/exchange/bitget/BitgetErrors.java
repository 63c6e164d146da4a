package com.tradebot.trading.exchange.bitget;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import java.util.Optional;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchange.bitget.dto.BitgetException;
import si.mazi.rescu.HttpStatusIOException;

/** Bitget v2 error codes (https://www.bitget.com/api-doc/common/error-code/restapi) in our terms. */
final class BitgetErrors {
    private BitgetErrors() {
    }

    static Optional<ExchangeException> map(Throwable failure) {
        if (failure instanceof BitgetException bitget && bitget.getCode() != null) {
            return Optional.of(byCode(bitget.getCode(), bitget.getMessage()));
        }
        if (failure instanceof HttpStatusIOException http && http.getHttpBody() != null) {
            // Bitget's error answers ({"code":"43012","msg":..,"data":null}) read as our envelope
            try {
                BitgetV2Dtos.Response<?> response = READER.readValue(http.getHttpBody(), BitgetV2Dtos.Response.class);
                if (response.code() != null) {
                    return Optional.of(byCode(parse(response.code(), http.getHttpStatusCode()), response.msg()));
                }
            } catch (java.io.IOException | RuntimeException unreadable) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static ExchangeException byCode(int code, String message) {
        String text = "Bitget " + code + ": " + message;
        ExchangeError error = switch (code) {
            case 429, 40010 -> ExchangeError.RATE_LIMITED;
            case 40006, 40008, 40009, 40011, 40012, 40014, 40018, 40037 -> ExchangeError.BAD_CREDENTIALS;
            case 43012, 43004 -> ExchangeError.INSUFFICIENT_BALANCE;
            case 43001, 40109, 43025 -> ExchangeError.ORDER_NOT_FOUND;
            case 40034, 40309, 43122 -> ExchangeError.INVALID_SYMBOL;
            case 43118, 40757 -> ExchangeError.DUPLICATE_ORDER;
            case 40725, 40015 -> ExchangeError.UNAVAILABLE;
            default -> ExchangeError.INVALID_ORDER;
        };
        return new ExchangeException(error, text);
    }

    private static final ObjectMapper READER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static int parse(String code, int fallback) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static <T> T unwrap(BitgetV2Dtos.Response<T> response) {
        if (!"00000".equals(response.code())) {
            int code;
            try {
                code = Integer.parseInt(response.code());
            } catch (NumberFormatException e) {
                code = -1;
            }
            throw byCode(code, response.msg());
        }
        return response.data();
    }
}
