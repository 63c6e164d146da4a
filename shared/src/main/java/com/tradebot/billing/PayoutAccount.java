package com.tradebot.billing;

import java.time.Instant;

/** A provider's Stripe Connect account as billing knows it; {@code updatedAt} orders account.updated events. */
public record PayoutAccount(String providerId, String accountId, boolean payoutsEnabled, boolean detailsSubmitted,
                            Instant updatedAt) {
}
