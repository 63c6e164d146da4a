package com.tradebot.trading.execution;

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
import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PositionStatus;
import com.tradebot.trading.position.PositionView;
import com.tradebot.trading.risk.ClientOrderIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Follows real (LIVE) entries after the executor placed them, on a schedule (issue 18 §4): a resting limit entry is
 * polled until it fills (the position opens at the fill) or its time limit passes (it is cancelled: missed, not
 * chased; a partial fill keeps what filled), and every open position gets its reduce-only protective stop at the
 * signal's stop loss. Idempotent like the executor: the stop's {@code clientOrderId} is derived from (signal, user),
 * the exchange is asked for it before placing, and each position change is a conditional write, so overlapping or
 * repeated runs place one stop and apply one outcome.
 */
public final class EntryWatch {
    private static final Logger LOG = LogManager.getLogger(EntryWatch.class);

    private final PositionRepository positions;
    private final ExchangeGateway gateway;
    private final PositionEvents events;
    private final Clock clock;

    public EntryWatch(PositionRepository positions, ExchangeGateway gateway, PositionEvents events, Clock clock) {
        this.positions = positions;
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(int watched, int filled, int missed, int stopsPlaced, int failed) {
    }

    public Run run() {
        int watched = 0;
        int filled = 0;
        int missed = 0;
        int stops = 0;
        int failed = 0;
        for (Position position : positions.live()) {
            boolean pending = position.status() == PositionStatus.PENDING_ENTRY;
            if (!"LIVE".equals(position.mode()) || position.exchangeKeyId() == null
                    || (!pending && position.stopOrderId() != null)) {
                continue;
            }
            watched++;
            try {
                Outcome outcome = gateway.withAccount(position.userId(), position.exchangeKeyId(),
                        Market.parse(position.market()).orElse(Market.SPOT), KeyRight.TRADE,
                        client -> follow(position, client));
                filled += outcome == Outcome.FILLED || outcome == Outcome.FILLED_AND_PROTECTED ? 1 : 0;
                missed += outcome == Outcome.MISSED ? 1 : 0;
                stops += outcome == Outcome.PROTECTED || outcome == Outcome.FILLED_AND_PROTECTED ? 1 : 0;
            } catch (RuntimeException e) {
                // one account failing (exchange down, key deleted) leaves the others watched; the next run retries
                failed++;
                LOG.warn("Entry watch of position {} failed: {}", position.id(), e.toString());
            }
        }
        return new Run(watched, filled, missed, stops, failed);
    }

    enum Outcome { WAITING, FILLED, MISSED, PROTECTED, FILLED_AND_PROTECTED, CHANGED_ELSEWHERE }

    private Outcome follow(Position position, TradingClient client) {
        Symbol symbol = Symbol.parse(position.pair(), Market.parse(position.market()).orElse(Market.SPOT));
        Position current = position;
        boolean justFilled = false;
        if (position.status() == PositionStatus.PENDING_ENTRY) {
            Instant now = clock.instant();
            ExchangeOrder entry = client.order(symbol, position.entryOrderId()).orElse(null);
            if (entry == null) {
                return Outcome.WAITING; // not visible yet (eventual consistency): the next run asks again
            }
            boolean expired = position.entryExpiresAt() != null && !now.isBefore(position.entryExpiresAt());
            if (entry.state() != OrderState.FILLED && (expired || entry.state().isFinal())) {
                if (!entry.state().isFinal()) {
                    entry = cancel(client, symbol, entry);
                }
                if (!hasFill(entry)) {
                    Position gone = position.entryMissed(entry.state().name(), expired ? "ENTRY_TIMED_OUT"
                            : "ENTRY_" + entry.state().name(), now);
                    if (!positions.replace(gone, PositionStatus.PENDING_ENTRY, false)) {
                        return Outcome.CHANGED_ELSEWHERE;
                    }
                    events.positionChanged(PositionView.of(gone, null, now));
                    return Outcome.MISSED;
                }
            } else if (entry.state() != OrderState.FILLED) {
                return Outcome.WAITING; // resting or partly filled within its time: keep waiting
            }
            current = position.entryFilled(entry.filledQuantity(), entry.averagePrice(), entry.state().name());
            if (!positions.replace(current, PositionStatus.PENDING_ENTRY, false)) {
                return Outcome.CHANGED_ELSEWHERE;
            }
            events.positionChanged(PositionView.of(current, entry.averagePrice(), now));
            justFilled = true;
        }
        if (current.stopOrderId() != null || current.stopLoss() == null) {
            return justFilled ? Outcome.FILLED : Outcome.WAITING;
        }
        ExchangeOrder stop = protect(client, symbol, current);
        Position protectedPosition = current.protectedBy(stop.exchangeOrderId());
        if (!positions.replace(protectedPosition, PositionStatus.OPEN, true)) {
            // closed meanwhile (its close may have looked for this stop before it existed): an orphan stop could
            // open a new position later, so it goes
            boolean closed = positions.find(current.id()).map(p -> !p.status().live()).orElse(true);
            if (closed && !stop.state().isFinal()) {
                PositionService.cancelOrRead(client, symbol, stop.exchangeOrderId());
                LOG.info("Stop {} of position {} cancelled: the position was closed meanwhile",
                        stop.exchangeOrderId(), current.id());
            }
            return justFilled ? Outcome.FILLED : Outcome.CHANGED_ELSEWHERE;
        }
        events.positionChanged(PositionView.of(protectedPosition, null, clock.instant()));
        return justFilled ? Outcome.FILLED_AND_PROTECTED : Outcome.PROTECTED;
    }

    /** Cancels a resting entry; if it filled or went meanwhile, its state as the exchange has it. */
    private static ExchangeOrder cancel(TradingClient client, Symbol symbol, ExchangeOrder entry) {
        try {
            ExchangeOrder cancelled = client.cancel(symbol, entry.exchangeOrderId());
            return client.order(symbol, entry.exchangeOrderId()).orElse(cancelled);
        } catch (ExchangeException e) {
            if (e.error() != ExchangeError.ORDER_NOT_FOUND && e.error() != ExchangeError.INVALID_ORDER) {
                throw e;
            }
            return client.order(symbol, entry.exchangeOrderId()).orElseThrow(() -> e);
        }
    }

    private static boolean hasFill(ExchangeOrder order) {
        return order.filledQuantity() != null && order.filledQuantity().signum() > 0 && order.averagePrice() != null;
    }

    /** The reduce-only stop at the signal's stop loss, placed once: looked up by its derived id first. */
    static ExchangeOrder protect(TradingClient client, Symbol symbol, Position position) {
        String stopId = ClientOrderIds.stop(position.signalId(), position.userId());
        Optional<ExchangeOrder> existing = client.orderByClientId(symbol, stopId);
        if (existing.isPresent()) {
            return existing.get();
        }
        OrderRequest stop = new OrderRequest(symbol, position.side().opposite(), OrderType.STOP_MARKET,
                position.quantity(), null, position.stopLoss(), stopId, symbol.market() == Market.FUTURES);
        try {
            return client.place(stop);
        } catch (ExchangeException e) {
            if (e.error() != ExchangeError.DUPLICATE_ORDER) {
                throw e;
            }
            return client.orderByClientId(symbol, stopId).orElseThrow(() -> e);
        }
    }

}
