package com.tradebot.trading.exchange.xchange;

import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.derivative.FuturesContract;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.exceptions.CurrencyPairNotValidException;
import org.knowm.xchange.exceptions.ExchangeSecurityException;
import org.knowm.xchange.exceptions.ExchangeUnavailableException;
import org.knowm.xchange.exceptions.FrequencyLimitExceededException;
import org.knowm.xchange.exceptions.FundsExceededException;
import org.knowm.xchange.exceptions.InstrumentNotValidException;
import org.knowm.xchange.exceptions.InternalServerException;
import org.knowm.xchange.exceptions.NotAvailableFromExchangeException;
import org.knowm.xchange.exceptions.NotYetImplementedForExchangeException;
import org.knowm.xchange.exceptions.OperationTimeoutException;
import org.knowm.xchange.exceptions.OrderNotValidException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import org.knowm.xchange.exceptions.SystemOverloadException;
import org.knowm.xchange.instrument.Instrument;
import si.mazi.rescu.HttpStatusExceptionSupport;
import si.mazi.rescu.HttpStatusIOException;

/** What the XChange-based adapters share: instruments, sides, and XChange's exception types in our terms. */
public final class XChangeSupport {
    private XChangeSupport() {
    }

    /** {@code BTC/USDT} spot, or the USDT-margined perpetual {@code BTC/USDT/PERP}. */
    public static Instrument instrument(Symbol symbol) {
        CurrencyPair pair = new CurrencyPair(symbol.base(), symbol.quote());
        return symbol.market() == Market.FUTURES ? new FuturesContract(pair, "PERP") : pair;
    }

    public static Order.OrderType orderType(Side side) {
        return side == Side.BUY ? Order.OrderType.BID : Order.OrderType.ASK;
    }

    /** A call to an exchange that may throw checked exceptions. */
    @FunctionalInterface
    public interface ExchangeCall<T> {
        T call() throws Exception;
    }

    /** Runs {@code call}, turning whatever it throws into an {@link ExchangeException} via {@code specific} first. */
    public static <T> T call(ExchangeCall<T> call, ErrorMapper specific) {
        try {
            return call.call();
        } catch (ExchangeException e) {
            throw e;
        } catch (Exception e) {
            throw map(e, specific);
        }
    }

    /** An exchange's own error codes; returns empty when it does not recognise the failure. */
    @FunctionalInterface
    public interface ErrorMapper {
        Optional<ExchangeException> map(Throwable failure);
    }

    public static ExchangeException map(Throwable failure, ErrorMapper specific) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<ExchangeException> mapped = specific.map(t);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        String message = messageOf(failure);
        if (failure instanceof FundsExceededException) {
            return new ExchangeException(ExchangeError.INSUFFICIENT_BALANCE, message);
        }
        if (failure instanceof RateLimitExceededException || failure instanceof FrequencyLimitExceededException) {
            return new ExchangeException(ExchangeError.RATE_LIMITED, message);
        }
        if (failure instanceof ExchangeSecurityException) {
            return new ExchangeException(ExchangeError.BAD_CREDENTIALS, message);
        }
        if (failure instanceof InstrumentNotValidException || failure instanceof CurrencyPairNotValidException) {
            return new ExchangeException(ExchangeError.INVALID_SYMBOL, message);
        }
        if (failure instanceof OrderNotValidException) {
            return new ExchangeException(ExchangeError.INVALID_ORDER, message);
        }
        if (failure instanceof NotAvailableFromExchangeException
                || failure instanceof NotYetImplementedForExchangeException) {
            return new ExchangeException(ExchangeError.NOT_SUPPORTED, message);
        }
        if (failure instanceof ExchangeUnavailableException || failure instanceof InternalServerException
                || failure instanceof SystemOverloadException || failure instanceof OperationTimeoutException) {
            return new ExchangeException(ExchangeError.UNAVAILABLE, message);
        }
        Optional<ExchangeException> byStatus = byHttpStatus(failure);
        return byStatus.orElseGet(() -> new ExchangeException(ExchangeError.UNAVAILABLE,
                failure instanceof IOException ? "Exchange unreachable: " + message : message));
    }

    /** HTTP status alone, for answers without a recognised error code. */
    public static Optional<ExchangeException> byHttpStatus(Throwable failure) {
        int status = -1;
        Map<String, List<String>> headers = Map.of();
        if (failure instanceof HttpStatusExceptionSupport support) {
            status = support.getHttpStatusCode();
            if (failure instanceof si.mazi.rescu.HttpResponseAware aware && aware.getResponseHeaders() != null) {
                headers = aware.getResponseHeaders();
            }
        } else if (failure instanceof HttpStatusIOException io) {
            status = io.getHttpStatusCode();
            headers = io.getResponseHeaders() == null ? Map.of() : io.getResponseHeaders();
        }
        if (status == 429 || status == 418) {
            return Optional.of(new ExchangeException(ExchangeError.RATE_LIMITED, "Rate limited by the exchange (HTTP "
                    + status + ")", retryAfter(headers).orElse(null)));
        }
        if (status == 401 || status == 403) {
            return Optional.of(new ExchangeException(ExchangeError.BAD_CREDENTIALS, "Refused by the exchange (HTTP "
                    + status + ")"));
        }
        if (status >= 500) {
            return Optional.of(new ExchangeException(ExchangeError.UNAVAILABLE, "Exchange error (HTTP " + status + ")"));
        }
        return Optional.empty();
    }

    /** {@code Retry-After} in seconds, looked up case-insensitively. */
    public static Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase("Retry-After")
                    && header.getValue() != null && !header.getValue().isEmpty()) {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(header.getValue().get(0).trim())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
