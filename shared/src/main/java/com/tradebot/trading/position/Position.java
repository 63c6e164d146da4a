package com.tradebot.trading.position;

import com.tradebot.trading.exchange.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A follower's position opened by auto-execution (or a paper fill). Its id is the entry's clientOrderId, so one
 * signal and user make one position however often the execution runs. Prices are in the quote currency; money
 * figures are quote-currency cents. Fees: {@code entryFeeCents} as charged (paper) or estimated from
 * {@code feeBps} (live); an open position's PnL also subtracts the exit fee it would pay at the mark.
 */
public record Position(String id, String userId, String subscriptionId, String strategyId, String signalId,
                       String mode, String exchange, String exchangeKeyId, String pair, String market, Side side,
                       PositionStatus status, BigDecimal quantity, BigDecimal entryPrice, BigDecimal stopLoss,
                       BigDecimal takeProfit, int leverage, String entryOrderId, String entryOrderState, int feeBps,
                       long entryFeeCents, BigDecimal exitPrice, Long exitFeeCents, Long realisedPnlCents,
                       String closeReason, Instant openedAt, Instant closedAt, Instant entryExpiresAt,
                       String stopOrderId) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** Price move times size, signed for the side: what the position gained before fees. */
    public BigDecimal grossPnl(BigDecimal price) {
        BigDecimal move = price.subtract(entryPrice).multiply(quantity);
        return side == Side.BUY ? move : move.negate();
    }

    /** The fee of trading {@code quantity} at {@code price}, in cents (rounded up: fees are never understated). */
    public long feeCents(BigDecimal price) {
        return feeCents(price, quantity, feeBps);
    }

    public static long feeCents(BigDecimal price, BigDecimal quantity, int feeBps) {
        return price.multiply(quantity).multiply(BigDecimal.valueOf(feeBps)).multiply(HUNDRED)
                .divide(TEN_THOUSAND, 0, RoundingMode.CEILING).longValueExact();
    }

    /** PnL if closed at {@code mark} now: gross minus the entry fee and the exit fee at the mark. */
    public long unrealisedPnlCents(BigDecimal mark) {
        return cents(grossPnl(mark)) - entryFeeCents - feeCents(mark);
    }

    public Position closed(BigDecimal price, String reason, Instant at) {
        long exitFee = feeCents(price);
        return new Position(id, userId, subscriptionId, strategyId, signalId, mode, exchange, exchangeKeyId, pair,
                market, side, PositionStatus.CLOSED, quantity, entryPrice, stopLoss, takeProfit, leverage, entryOrderId,
                entryOrderState, feeBps, entryFeeCents, price, exitFee, cents(grossPnl(price)) - entryFeeCents - exitFee,
                reason, openedAt, at, entryExpiresAt, stopOrderId);
    }

    /** A resting entry that (partly) filled: open at the fill, the entry fee at {@code feeBps} of it. */
    public Position entryFilled(BigDecimal filledQuantity, BigDecimal averagePrice, String orderState) {
        return new Position(id, userId, subscriptionId, strategyId, signalId, mode, exchange, exchangeKeyId, pair,
                market, side, PositionStatus.OPEN, filledQuantity, averagePrice, stopLoss, takeProfit, leverage,
                entryOrderId, orderState, feeBps, feeCents(averagePrice, filledQuantity, feeBps), null, null, null,
                null, openedAt, null, entryExpiresAt, stopOrderId);
    }

    /** A resting entry cancelled unfilled (timed out or cancelled on the exchange): closed, nothing traded. */
    public Position entryMissed(String orderState, String reason, Instant at) {
        return new Position(id, userId, subscriptionId, strategyId, signalId, mode, exchange, exchangeKeyId, pair,
                market, side, PositionStatus.CLOSED, quantity, entryPrice, stopLoss, takeProfit, leverage, entryOrderId,
                orderState, feeBps, 0, null, 0L, 0L, reason, openedAt, at, entryExpiresAt, stopOrderId);
    }

    /** The protective stop is resting on the exchange under {@code orderId}. */
    public Position protectedBy(String orderId) {
        return new Position(id, userId, subscriptionId, strategyId, signalId, mode, exchange, exchangeKeyId, pair,
                market, side, status, quantity, entryPrice, stopLoss, takeProfit, leverage, entryOrderId,
                entryOrderState, feeBps, entryFeeCents, exitPrice, exitFeeCents, realisedPnlCents, closeReason,
                openedAt, closedAt, entryExpiresAt, orderId);
    }

    static long cents(BigDecimal amount) {
        return amount.multiply(HUNDRED).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
