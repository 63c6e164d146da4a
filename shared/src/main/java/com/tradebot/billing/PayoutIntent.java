package com.tradebot.billing;

import java.time.YearMonth;

/**
 * A provider's payout for one period, written before the transfer is made so that a crash between the transfer and
 * its record is finished by the next run instead of paying again. {@link #transferGroup()} is also the transfer's
 * idempotency key.
 */
public record PayoutIntent(String providerId, YearMonth period, long amountCents, String currency, String accountId,
                           Status status, String transferId) {

    public enum Status { PENDING, PAID }

    public String transferGroup() {
        return "payout-" + providerId + "-" + period;
    }
}
