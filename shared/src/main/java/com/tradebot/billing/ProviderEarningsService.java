package com.tradebot.billing;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** A provider's earnings: balance, pending, available, paid out and by month. */
public final class ProviderEarningsService {
    private final BillingRepository repository;
    private final Clock clock;

    public ProviderEarningsService(BillingRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public ProviderEarnings earnings(String providerId) {
        return earningsAsOf(providerId, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** The earnings with {@code currentMonth} still open (its earnings pending). */
    public ProviderEarnings earningsAsOf(String providerId, YearMonth currentMonth) {
        List<BillingRepository.ProviderMonth> months = repository.providerMonths(providerId);
        long closedNet = 0;
        long openNet = 0;
        long paidOut = 0;
        for (BillingRepository.ProviderMonth month : months) {
            if (month.month().isBefore(currentMonth)) {
                closedNet += month.netEarnedCents();
            } else {
                openNet += month.netEarnedCents();
            }
            paidOut += month.paidOutCents();
        }
        long inPayout = repository.payoutIntents(providerId).stream()
                .filter(intent -> intent.status() == PayoutIntent.Status.PENDING)
                .mapToLong(PayoutIntent::amountCents).sum();
        long balance = closedNet + openNet - paidOut;
        long pending = Math.max(0, openNet);
        long available = closedNet + Math.min(0, openNet) - paidOut - inPayout;
        List<ProviderEarnings.Month> byMonth = months.stream()
                .map(m -> new ProviderEarnings.Month(m.month(), m.earnedCents(), m.reversedCents(),
                        m.netEarnedCents(), m.paidOutCents()))
                .toList();
        return new ProviderEarnings(providerId, balance, available, pending, inPayout, paidOut, byMonth);
    }
}
