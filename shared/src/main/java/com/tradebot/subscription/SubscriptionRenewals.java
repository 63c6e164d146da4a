package com.tradebot.subscription;

import com.tradebot.billing.BilledSubscription;
import com.tradebot.billing.BillingStatus;
import com.tradebot.billing.SubscriptionChange;
import com.tradebot.notification.BillingNotifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daily renewal job over paid subscriptions whose paid period ends within {@link #REMINDER_AHEAD} or has ended
 * (found through the repository's due-date markers, a week back to cover missed runs):
 * <ul>
 * <li>a reminder {@link #REMINDER_AHEAD} before an automatic renewal (once per period);</li>
 * <li>{@code autoRenew=false}: CANCELLED once the period has ended (cancel at period end);</li>
 * <li>otherwise, with no payment {@link #GRACE} after the end: EXPIRED. Signals stop at the end date itself
 * ({@link Subscription#live}); the grace only leaves Stripe's renewal charge time to arrive before the record ends.</li>
 * </ul>
 * With the local payments adapter nothing charges renewals by itself, so the job plays Stripe's part first through
 * {@link Renewer}: the renewal arrives as a signed {@code invoice.paid} at the webhook, like Stripe's.
 * Every change is version-conditioned; a record that changed meanwhile is left to the next run.
 */
public final class SubscriptionRenewals {
    public static final Duration REMINDER_AHEAD = Duration.ofDays(3);
    public static final Duration GRACE = Duration.ofDays(1);
    private static final int DAYS_BACK = 7;
    private static final Logger LOG = LogManager.getLogger(SubscriptionRenewals.class);

    /** Charges a Stripe subscription's next period (the local payments adapter; Stripe does it on its own). */
    @FunctionalInterface
    public interface Renewer {
        void renew(String stripeSubscriptionId);
    }

    public record Result(List<String> reminded, List<String> renewed, List<String> cancelled, List<String> expired) {
    }

    private final SubscriptionRepository repository;
    private final BillingNotifications notices;
    private final Optional<Renewer> renewer;
    private final Clock clock;

    public SubscriptionRenewals(SubscriptionRepository repository, BillingNotifications notices,
                                Optional<Renewer> renewer, Clock clock) {
        this.repository = repository;
        this.notices = notices;
        this.renewer = renewer;
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Set<String> due = new LinkedHashSet<>();
        for (LocalDate day = today.minusDays(DAYS_BACK); !day.isAfter(today.plusDays(REMINDER_AHEAD.toDays()));
                day = day.plusDays(1)) {
            due.addAll(repository.dueOn(day));
        }
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String id : due) {
            try {
                review(id, now, result);
            } catch (RuntimeException e) {
                // one subscription's failure (e.g. the renewal charge) must not hold up the others
                LOG.error("renewal of subscription {} failed", id, e);
            }
        }
        return result;
    }

    private void review(String id, Instant now, Result result) {
        Optional<SubscriptionRepository.Billed> found = repository.findBilled(id);
        if (found.isEmpty()) {
            return;
        }
        BilledSubscription s = found.get().billing();
        if (s.status().terminal() || s.endDate() == null || s.status() == BillingStatus.PENDING) {
            return;
        }
        if (s.endDate().isAfter(now)) {
            if (s.autoRenew() && s.status() == BillingStatus.ACTIVE
                    && !s.endDate().isAfter(now.plus(REMINDER_AHEAD))) {
                notices.renewalReminder(s.userId(), id, s.strategyId(), s.endDate());
                result.reminded().add(id);
            }
            return;
        }
        if (s.status() == BillingStatus.PAUSED) {
            return; // collection is paused at Stripe; the subscriber resumes or cancels
        }
        if (!s.autoRenew()) {
            end(s, SubscriptionChange.cancel(), result.cancelled());
            return;
        }
        if (renewer.isPresent() && s.status() == BillingStatus.ACTIVE && s.stripeSubscriptionId() != null) {
            renewer.get().renew(s.stripeSubscriptionId());
            Optional<BilledSubscription> after = repository.billing().find(id);
            if (after.isPresent() && after.get().endDate() != null && after.get().endDate().isAfter(now)) {
                result.renewed().add(id);
                return;
            }
            s = after.orElse(s);
        }
        if (!s.endDate().plus(GRACE).isAfter(now)) {
            end(s, SubscriptionChange.expire(), result.expired());
        }
    }

    private void end(BilledSubscription s, SubscriptionChange change, List<String> into) {
        if (repository.apply(s, change)) {
            notices.ended(s.userId(), s.subscriptionId(), s.strategyId(), change.status().name());
            into.add(s.subscriptionId());
        } else {
            LOG.info("subscription {} changed meanwhile; the next run looks again", s.subscriptionId());
        }
    }
}
