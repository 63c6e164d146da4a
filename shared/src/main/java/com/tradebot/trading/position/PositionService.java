package com.tradebot.trading.position;

import com.tradebot.common.ApiException;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.KeyRight;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.trading.risk.ClientOrderIds;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/positions}: the caller's positions marked to the last price the feed stored, and closing one — a
 * reduce-only market order on the exchange for LIVE (its clientOrderId derived from the position, so a retried close
 * finds its first order instead of selling twice), after cancelling the position's protective stop so that no orphan
 * stop can open a position later; a simulated fill at the current price for PAPER (the closed position leaves the
 * live set, so nothing simulates its stop any more).
 */
public final class PositionService {
    private final PositionRepository positions;
    private final PriceRepository prices;
    private final ExchangeGateway gateway;
    private final PositionEvents events;
    private final Clock clock;

    public PositionService(PositionRepository positions, PriceRepository prices, ExchangeGateway gateway,
                           PositionEvents events, Clock clock) {
        this.positions = positions;
        this.prices = prices;
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
    }

    public List<PositionView> mine(String userId) {
        return positions.ofUser(userId, 100).stream().map(this::marked).toList();
    }

    public PositionView get(String userId, String id) {
        return marked(owned(userId, id));
    }

    public PositionView close(String userId, String id) {
        return close(owned(userId, id), "MANUAL");
    }

    /**
     * Closes a live position for {@code reason} (MANUAL from the API; the way for a signal's close, stop or take
     * profit to close the auto-traded positions it opened): its stop cancelled, then a reduce-only market order.
     */
    public PositionView close(Position position, String reason) {
        String userId = position.userId();
        if (!position.status().live()) {
            throw ApiException.conflict("POSITION_CLOSED", "The position is already closed");
        }
        Symbol symbol = Symbol.parse(position.pair(), Market.parse(position.market()).orElse(Market.SPOT));
        Position closed;
        if ("LIVE".equals(position.mode())) {
            try {
                closed = gateway.withAccount(userId, position.exchangeKeyId(), symbol.market(), KeyRight.TRADE,
                        client -> closeLive(position, symbol, client, reason));
            } catch (ExchangeException e) {
                // the exchange refused or failed: nothing was recorded, the position stays open
                throw new ApiException(502, "EXCHANGE_" + e.error().name(), e.getMessage());
            }
        } else {
            closed = position.closed(currentPrice(position, symbol), reason, clock.instant());
        }
        if (!positions.close(closed)) {
            throw ApiException.conflict("POSITION_CLOSED", "The position was closed meanwhile");
        }
        PositionView view = PositionView.of(closed, null, null);
        events.positionChanged(view);
        return view;
    }

    /** What closing a position for its ended signal did. */
    public enum SignalCloseOutcome {
        /** Closed at market (LIVE: protective stop cancelled, reduce-only order; PAPER: simulated fill). */
        CLOSED,
        /** The entry was still resting unfilled: cancelled, nothing traded (reported as missed). */
        ENTRY_CANCELLED,
        /** Already closed (by the user, its stop, or an earlier delivery of the same close): left alone. */
        ALREADY_CLOSED
    }

    /**
     * Closes a position because the signal it came from ended, for {@code reason} (SIGNAL_CLOSE, STOP_LOSS,
     * TAKE_PROFIT, SIGNAL_CANCELLED). Safe to repeat: a closed position is left alone, and the close order's
     * clientOrderId is derived from the position, so a retry after a crash finds the first order instead of selling
     * again. An unfilled entry is cancelled instead; one that filled meanwhile is closed like an open position. An
     * exchange failure throws (the queue retries) with nothing recorded.
     */
    public SignalCloseOutcome closeForSignal(Position position, String reason) {
        if (!position.status().live()) {
            return SignalCloseOutcome.ALREADY_CLOSED;
        }
        Symbol symbol = Symbol.parse(position.pair(), Market.parse(position.market()).orElse(Market.SPOT));
        Instant now = clock.instant();
        Position closed;
        if ("LIVE".equals(position.mode())) {
            closed = gateway.withAccount(position.userId(), position.exchangeKeyId(), symbol.market(),
                    KeyRight.TRADE, client -> {
                        Position current = position;
                        if (current.status() == PositionStatus.PENDING_ENTRY) {
                            ExchangeOrder entry = cancelOrRead(client, symbol, current.entryOrderId()).orElse(null);
                            BigDecimal filled = entry == null ? null : entry.filledQuantity();
                            if (filled == null || filled.signum() == 0) {
                                return current.entryMissed(OrderState.CANCELED.name(), reason, now);
                            }
                            // (partly) filled before the cancel: a real position, closed like any open one
                            current = current.entryFilled(filled, entry.averagePrice() != null
                                    && entry.averagePrice().signum() > 0 ? entry.averagePrice()
                                    : current.entryPrice(), entry.state().name());
                        }
                        return closeLive(current, symbol, client, reason);
                    });
        } else if (position.status() == PositionStatus.PENDING_ENTRY) {
            closed = position.entryMissed(OrderState.CANCELED.name(), reason, now);
        } else {
            closed = position.closed(currentPrice(position, symbol), reason, now);
        }
        if (!positions.close(closed)) {
            return SignalCloseOutcome.ALREADY_CLOSED; // closed meanwhile (the same close order, if any, was shared)
        }
        events.positionChanged(PositionView.of(closed, null, null));
        return closed.exitPrice() == null ? SignalCloseOutcome.ENTRY_CANCELLED : SignalCloseOutcome.CLOSED;
    }

    private Position closeLive(Position position, Symbol symbol, TradingClient client, String reason) {
        Instant now = clock.instant();
        if (position.status() == PositionStatus.PENDING_ENTRY) {
            try {
                client.cancel(symbol, position.entryOrderId());
            } catch (ExchangeException e) {
                if (e.error() != ExchangeError.ORDER_NOT_FOUND) {
                    throw e;
                }
            }
            return new Position(position.id(), position.userId(), position.subscriptionId(), position.strategyId(),
                    position.signalId(), position.mode(), position.exchange(), position.exchangeKeyId(),
                    position.pair(), position.market(), position.side(), PositionStatus.CLOSED, position.quantity(),
                    position.entryPrice(), position.stopLoss(), position.takeProfit(), position.leverage(),
                    position.entryOrderId(), "CANCELED", position.feeBps(), 0, null, 0L, 0L, "ENTRY_CANCELLED",
                    position.openedAt(), now, position.entryExpiresAt(), position.stopOrderId());
        }
        // the protective stop goes first: left resting it could open a new position after the close, and on spot
        // it locks the very quantity the close must sell
        Optional<ExchangeOrder> stop = cancelProtection(position, symbol, client);
        BigDecimal stopFilled = stop.map(PositionService::filled).orElse(BigDecimal.ZERO).min(position.quantity());
        BigDecimal stopPrice = stop.map(ExchangeOrder::averagePrice).filter(at -> at.signum() > 0)
                .orElse(position.stopLoss());
        BigDecimal remaining = position.quantity().subtract(stopFilled);
        if (remaining.signum() <= 0) {
            // the stop fired before the close: the exchange closed the position already; selling again would not
            return position.closed(stopPrice, "STOP_LOSS", now);
        }
        // a stop that filled in part before it was cancelled sold that part: the close sells the rest, not more
        // (on spot the full quantity would fail for want of balance and leave the position open)
        String clientOrderId = closeOrderId(position.id());
        Optional<ExchangeOrder> earlier = client.orderByClientId(symbol, clientOrderId);
        ExchangeOrder order = earlier.orElseGet(() -> client.place(new OrderRequest(symbol, position.side().opposite(),
                OrderType.MARKET, remaining, null, null, clientOrderId, symbol.market() == Market.FUTURES)));
        BigDecimal closePrice = order.averagePrice() != null && order.averagePrice().signum() > 0
                ? order.averagePrice() : currentPrice(position, symbol);
        BigDecimal exit = stopFilled.signum() == 0 ? closePrice
                : stopFilled.multiply(stopPrice).add(remaining.multiply(closePrice))
                        .divide(position.quantity(), java.math.MathContext.DECIMAL64);
        return position.closed(exit, reason, now);
    }

    private static BigDecimal filled(ExchangeOrder order) {
        if (order.state() == OrderState.FILLED) {
            return order.filledQuantity() != null && order.filledQuantity().signum() > 0 ? order.filledQuantity()
                    : order.quantity() != null ? order.quantity() : BigDecimal.valueOf(Long.MAX_VALUE);
        }
        return order.filledQuantity() == null ? BigDecimal.ZERO : order.filledQuantity();
    }

    /**
     * Cancels the position's protective stop: the one recorded on it, or else (a stop placed by the entry watch but
     * not yet recorded) the one its derived clientOrderId finds. "Unknown order" (already filled, cancelled or
     * expired) is fine: the stop is then read back. Returns the stop as it ended (filled, in part or not at all), empty
     * when there was none; nothing protective is left resting either way. Any other failure throws before anything
     * is sold, leaving the position open and protected.
     */
    static Optional<ExchangeOrder> cancelProtection(Position position, Symbol symbol, TradingClient client) {
        ExchangeOrder stop;
        if (position.stopOrderId() != null) {
            stop = cancelOrRead(client, symbol, position.stopOrderId()).orElse(null);
        } else {
            String stopId = ClientOrderIds.stop(position.signalId(), position.userId());
            stop = client.orderByClientId(symbol, stopId).orElse(null);
            if (stop != null && !stop.state().isFinal()) {
                stop = cancelOrRead(client, symbol, stop.exchangeOrderId()).orElse(stop);
            }
        }
        return Optional.ofNullable(stop);
    }

    /** Cancels an order; when the exchange no longer has it open, what it says the order became (if it knows). */
    public static Optional<ExchangeOrder> cancelOrRead(TradingClient client, Symbol symbol, String exchangeOrderId) {
        try {
            return Optional.of(client.cancel(symbol, exchangeOrderId));
        } catch (ExchangeException e) {
            if (e.error() != ExchangeError.ORDER_NOT_FOUND && e.error() != ExchangeError.INVALID_ORDER) {
                throw e;
            }
            return client.order(symbol, exchangeOrderId);
        }
    }

    private BigDecimal currentPrice(Position position, Symbol symbol) {
        try {
            return gateway.marketData(position.exchange()).ticker(symbol).last();
        } catch (ExchangeException e) {
            return prices.find(position.exchange(), position.pair()).map(PriceRepository.LastPrice::price)
                    .orElseThrow(() -> ApiException.conflict("NO_PRICE", "No price for " + position.pair()
                            + " on " + position.exchange() + " to close at; try again shortly"));
        }
    }

    private PositionView marked(Position position) {
        Optional<PriceRepository.LastPrice> last = position.status().live()
                ? prices.find(position.exchange(), position.pair()) : Optional.empty();
        return PositionView.of(position, last.map(PriceRepository.LastPrice::price).orElse(null),
                last.map(PriceRepository.LastPrice::at).orElse(null));
    }

    private Position owned(String userId, String id) {
        Position position = positions.find(id).orElseThrow(() -> ApiException.notFound("No position " + id));
        if (!position.userId().equals(userId)) {
            throw ApiException.forbidden("Not your position");
        }
        return position;
    }

    /** The close order's clientOrderId: 32 characters of [a-z0-9], from the position id. */
    public static String closeOrderId(String positionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("close|" + positionId).getBytes(StandardCharsets.UTF_8));
            return "tb" + HexFormat.of().formatHex(digest).substring(0, 30);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
