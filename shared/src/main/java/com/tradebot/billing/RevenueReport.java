package com.tradebot.billing;

import java.time.YearMonth;
import java.util.List;

/** The platform's money by month, for administrators. All amounts in cents, refunds and reversals as positives. */
public record RevenueReport(List<Month> months, Month total) {

    public record Month(YearMonth month, long payments, long grossCents, long refundedCents,
                        long platformFeeCents, long platformFeeReversedCents, long providerEarningsCents,
                        long providerEarningsReversedCents, long paidOutCents) {

        public long netRevenueCents() {
            return platformFeeCents - platformFeeReversedCents;
        }
    }
}
