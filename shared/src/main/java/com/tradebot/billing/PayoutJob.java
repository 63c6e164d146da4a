package com.tradebot.billing;

import com.tradebot.billing.BillingRepository.CommitResult;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The monthly payout: for each provider whose Connect account can receive payouts, transfers the available balance
 * (earned in closed months, net of refunds and earlier payouts) when it is at least {@link #MINIMUM_PAYOUT_CENTS}.
 *
 * <p>Paying once, however often it runs or wherever it stops: (1) a payout intent for the provider and period is
 * written first, with its amount fixed; (2) the transfer carries the intent's transfer group as its idempotency key,
 * and before making it the job looks for a transfer already made for that group; (3) the intent is marked paid in one
 * transaction with the payout's ledger entries. A run that crashes after (2) leaves a pending intent, and the next run
 * finds the transfer and records it instead of paying again.
 */
public final class PayoutJob {
    public static final long MINIMUM_PAYOUT_CENTS = 50_00;
    private static final Logger LOG = LogManager.getLogger(PayoutJob.class);

    private final BillingRepository repository;
    private final ProviderEarningsService earnings;
    private final PaymentsGateway gateway;
    private final Clock clock;
    private final String currency;

    public PayoutJob(BillingRepository repository, PaymentsGateway gateway, Clock clock, String currency) {
        this.repository = repository;
        this.earnings = new ProviderEarningsService(repository, clock);
        this.gateway = gateway;
        this.clock = clock;
        this.currency = currency;
    }

    public record Result(List<PayoutIntent> paid, List<String> skipped) {
    }

    /** Pays out the period that ended before {@code currentMonth} (run on the 1st: the previous month). */
    public Result run(YearMonth currentMonth) {
        YearMonth period = currentMonth.minusMonths(1);
        List<PayoutIntent> paid = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<PayoutAccount> accounts = repository.payoutAccounts().stream()
                .sorted(Comparator.comparing(PayoutAccount::providerId)).toList();
        for (PayoutAccount account : accounts) {
            if (!account.payoutsEnabled()) {
                skipped.add(account.providerId() + ": payouts not enabled");
                continue;
            }
            // intents left pending by an interrupted run are finished first, with their fixed amounts
            for (PayoutIntent pending : repository.payoutIntents(account.providerId())) {
                if (pending.status() == PayoutIntent.Status.PENDING) {
                    paid.add(complete(pending));
                }
            }
            if (repository.findPayoutIntent(account.providerId(), period).isPresent()) {
                continue;
            }
            long available = earnings.earningsAsOf(account.providerId(), currentMonth).availableCents();
            if (available < MINIMUM_PAYOUT_CENTS) {
                skipped.add(account.providerId() + ": available " + available + " below minimum");
                continue;
            }
            PayoutIntent intent = repository.createPayoutIntent(new PayoutIntent(account.providerId(), period,
                    available, currency, account.accountId(), PayoutIntent.Status.PENDING, null), clock.instant());
            if (intent.status() == PayoutIntent.Status.PENDING) {
                paid.add(complete(intent));
            }
        }
        return new Result(paid, skipped);
    }

    private PayoutIntent complete(PayoutIntent intent) {
        PaymentsGateway.Transfer transfer = gateway.findTransfer(intent.transferGroup())
                .orElseGet(() -> gateway.createTransfer(intent.accountId(), intent.amountCents(), intent.currency(),
                        intent.transferGroup()));
        CommitResult result = repository.commit(BillingCommit.withoutEvent()
                .payoutRecorded(intent, transfer.id(), clock.instant()));
        if (result != CommitResult.APPLIED) {
            LOG.info("payout {} was recorded by another run", intent.transferGroup());
        }
        return new PayoutIntent(intent.providerId(), intent.period(), intent.amountCents(), intent.currency(),
                intent.accountId(), PayoutIntent.Status.PAID, transfer.id());
    }
}
