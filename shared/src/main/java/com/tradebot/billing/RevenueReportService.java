package com.tradebot.billing;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The ADMIN revenue report: payments, refunds, platform fees, provider earnings and payouts per month. */
public final class RevenueReportService {
    private static final int MAX_MONTHS = 36;

    private final BillingRepository repository;

    public RevenueReportService(BillingRepository repository) {
        this.repository = repository;
    }

    public RevenueReport report(YearMonth from, YearMonth to) {
        if (to.isBefore(from) || from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw new IllegalArgumentException("the report covers 1 to " + MAX_MONTHS + " months");
        }
        List<RevenueReport.Month> months = new ArrayList<>();
        long[] total = new long[8];
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            long[] m = new long[8];
            for (LedgerEntry entry : repository.entriesOfMonth(month)) {
                switch (entry.kind()) {
                    case PAYMENT -> {
                        m[0]++;
                        m[1] -= entry.amountCents();
                    }
                    case REFUND -> m[2] += entry.amountCents();
                    case PLATFORM_FEE -> m[3] += entry.amountCents();
                    case PLATFORM_FEE_REVERSAL -> m[4] -= entry.amountCents();
                    case PROVIDER_EARNING -> m[5] += entry.amountCents();
                    case PROVIDER_EARNING_REVERSAL -> m[6] -= entry.amountCents();
                    case PAYOUT_TRANSFER -> m[7] += entry.amountCents();
                    case PAYOUT -> { }
                }
            }
            for (int i = 0; i < m.length; i++) {
                total[i] += m[i];
            }
            months.add(month(month, m));
        }
        return new RevenueReport(months, month(to, total));
    }

    private static RevenueReport.Month month(YearMonth month, long[] m) {
        return new RevenueReport.Month(month, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    }
}
