package com.tradebot.trading.position;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position as the API and the WebSocket show it: the stored position, marked to {@code markPrice} (null when no
 * price is known yet, then unrealised PnL is null too). Money in quote-currency cents.
 */
public record PositionView(Position position, BigDecimal markPrice, Instant markedAt, Long unrealisedPnlCents) {
    public static PositionView of(Position position, BigDecimal mark, Instant markedAt) {
        Long unrealised = mark == null || position.status() != PositionStatus.OPEN ? null
                : position.unrealisedPnlCents(mark);
        return new PositionView(position, position.status() == PositionStatus.CLOSED ? null : mark,
                position.status() == PositionStatus.CLOSED ? null : markedAt, unrealised);
    }

    public String userId() {
        return position.userId();
    }
}
