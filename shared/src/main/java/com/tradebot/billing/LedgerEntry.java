package com.tradebot.billing;

import java.time.Instant;

/**
 * One ledger {@code Transaction}: a signed amount in cents on one account. {@code group} gathers the entries of one
 * payment (and its refunds) or one payout; {@code postingKey} the entries written together.
 */
public record LedgerEntry(String group, String postingKey, LedgerKind kind, String account, long amountCents,
                          String currency, Instant bookedAt, String providerId, String subscriptionId,
                          String eventId) {

    /** Unique and stable: the same posting replayed yields the same ids. */
    public String id() {
        return group + ":" + postingKey + ":" + kind;
    }
}
