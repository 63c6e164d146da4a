package com.tradebot.billing;

import java.time.YearMonth;
import java.util.List;

/**
 * A provider's money with the platform. {@code balanceCents} is everything earned and not yet paid out (net of
 * refunds); of it, {@code pendingCents} was earned this month and becomes available when the month closes,
 * {@code inPayoutCents} is in a payout being made, and {@code availableCents} is what the next payout may transfer.
 * Refunds reduce the available amount at once.
 */
public record ProviderEarnings(String providerId, long balanceCents, long availableCents, long pendingCents,
                               long inPayoutCents, long paidOutCents, List<Month> byMonth) {

    public record Month(YearMonth month, long earnedCents, long refundedCents, long netCents, long paidOutCents) {
    }
}
