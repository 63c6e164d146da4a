package com.tradebot.billing;

import com.tradebot.billing.BillingRepository.CommitResult;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns verified Stripe events into ledger postings and subscription changes. Each event is applied once: its id is
 * written in the same transaction as its effects, so a redelivery finds the record and changes nothing. Events may
 * come in any order: payments are keyed by invoice, refunds raise a cumulative amount, subscription updates older
 * than the newest applied one change nothing, and a refund whose payment is not yet known asks Stripe to retry.
 */
public final class BillingEventHandler {
    private static final Logger LOG = LogManager.getLogger(BillingEventHandler.class);
    private static final int MAX_ATTEMPTS = 5;

    private final BillingRepository repository;
    private final SubscriptionBilling subscriptions;
    private final PaymentsGateway gateway;
    private final BillingNotices notices;

    public BillingEventHandler(BillingRepository repository, PaymentsGateway gateway, BillingNotices notices) {
        this.repository = repository;
        this.subscriptions = repository.subscriptions();
        this.gateway = gateway;
        this.notices = notices;
    }

    public BillingOutcome handle(BillingEvent event) {
        if (event instanceof BillingEvent.Ignored) {
            return BillingOutcome.IGNORED;
        }
        if (repository.eventApplied(event.eventId())) {
            return BillingOutcome.DUPLICATE;
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Decision decision = decide(event);
            if (decision.outcome != null) {
                return decision.outcome;
            }
            CommitResult result = repository.commit(decision.commit);
            switch (result) {
                case APPLIED -> {
                    decision.afterCommit.run();
                    return BillingOutcome.APPLIED;
                }
                case DUPLICATE_EVENT -> {
                    return BillingOutcome.DUPLICATE;
                }
                case CONFLICT -> LOG.info("billing event {} met a concurrent change, deciding again", event.eventId());
            }
        }
        throw new IllegalStateException("Event " + event.eventId() + " kept conflicting with concurrent changes");
    }

    private Decision decide(BillingEvent event) {
        if (event instanceof BillingEvent.CheckoutCompleted e) {
            return checkoutCompleted(e);
        } else if (event instanceof BillingEvent.InvoicePaid e) {
            return invoicePaid(e);
        } else if (event instanceof BillingEvent.InvoicePaymentFailed e) {
            return invoiceFailed(e);
        } else if (event instanceof BillingEvent.SubscriptionUpdated e) {
            return subscriptionUpdated(e);
        } else if (event instanceof BillingEvent.SubscriptionDeleted e) {
            return subscriptionDeleted(e);
        } else if (event instanceof BillingEvent.ChargeRefunded e) {
            return chargeRefunded(e);
        } else if (event instanceof BillingEvent.AccountUpdated e) {
            return accountUpdated(e);
        }
        return Decision.outcome(BillingOutcome.IGNORED);
    }

    private Decision checkoutCompleted(BillingEvent.CheckoutCompleted e) {
        Optional<BilledSubscription> found = e.subscriptionId() == null ? Optional.empty()
                : subscriptions.find(e.subscriptionId());
        if (found.isEmpty()) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        BilledSubscription current = found.get();
        BillingCommit commit = BillingCommit.forEvent(e);
        if (!current.status().terminal()) {
            if (e.paid() && current.status() == BillingStatus.PENDING) {
                commit.changeSubscription(current,
                        SubscriptionChange.activate(e.stripeSubscriptionId(), e.stripeCustomerId(), null));
            } else if (current.stripeSubscriptionId() == null && e.stripeSubscriptionId() != null) {
                commit.changeSubscription(current, new SubscriptionChange(null, null, null,
                        e.stripeSubscriptionId(), e.stripeCustomerId()));
            }
        }
        return Decision.commit(commit);
    }

    private Decision invoicePaid(BillingEvent.InvoicePaid e) {
        BillingCommit commit = BillingCommit.forEvent(e);
        if (e.amountPaidCents() > 0 && repository.findPayment(e.invoiceId()).isEmpty()) {
            commit.newPayment(new PaymentRecord(e.invoiceId(), e.metadata(), e.stripeSubscriptionId(),
                    e.amountPaidCents(), e.currency(), 0, e.created(), e.periodEnd()), e.eventId());
        }
        subscriptions.find(e.metadata().subscriptionId()).ifPresent(current -> {
            if (current.status().terminal()) {
                // money for a subscription that already ended is booked; a refund is an operator's call
                LOG.warn("invoice {} paid for ended subscription {}", e.invoiceId(), current.subscriptionId());
            } else if (current.status() == BillingStatus.PENDING) {
                commit.changeSubscription(current, SubscriptionChange.activate(e.stripeSubscriptionId(),
                        e.stripeCustomerId(), e.periodEnd()));
            } else if (current.endDate() == null || e.periodEnd().isAfter(current.endDate())) {
                SubscriptionChange renew = SubscriptionChange.renew(e.periodEnd());
                if (current.stripeSubscriptionId() == null) {
                    renew = renew.and(new SubscriptionChange(null, null, null, e.stripeSubscriptionId(),
                            e.stripeCustomerId()));
                }
                commit.changeSubscription(current, renew);
            }
        });
        return Decision.commit(commit);
    }

    private Decision invoiceFailed(BillingEvent.InvoicePaymentFailed e) {
        Optional<BilledSubscription> found = subscriptions.find(e.metadata().subscriptionId());
        if (found.isEmpty()) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        BilledSubscription current = found.get();
        BillingCommit commit = BillingCommit.forEvent(e);
        // a failure for a period already paid (a retry that succeeded, delivered first) changes nothing
        boolean periodUnpaid = current.endDate() == null || e.periodEnd().isAfter(current.endDate());
        if (current.status() == BillingStatus.ACTIVE && periodUnpaid) {
            commit.changeSubscription(current, SubscriptionChange.markPastDue());
            return Decision.commit(commit, () -> notices.paymentFailed(current.userId(), current.subscriptionId(),
                    e.invoiceId()));
        }
        return Decision.commit(commit);
    }

    private Decision subscriptionUpdated(BillingEvent.SubscriptionUpdated e) {
        Optional<BilledSubscription> found = ourSubscription(e.subscriptionId(), e.stripeSubscriptionId());
        if (found.isEmpty()) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        BilledSubscription current = found.get();
        BillingCommit commit = BillingCommit.forEvent(e);
        Optional<Instant> newest = repository.lastSubscriptionEventAt(e.stripeSubscriptionId());
        if (newest.isPresent() && e.created().isBefore(newest.get())) {
            return Decision.commit(commit); // superseded by a newer update already applied
        }
        commit.markSubscriptionEvent(e.stripeSubscriptionId(), current.subscriptionId(), e.created());
        if (current.status().terminal()) {
            return Decision.commit(commit);
        }
        if ("canceled".equals(e.stripeStatus()) || "incomplete_expired".equals(e.stripeStatus())) {
            return Decision.commit(commit.changeSubscription(current, SubscriptionChange.cancel()));
        }
        SubscriptionChange change = null;
        if (e.collectionPaused() && (current.status() == BillingStatus.ACTIVE
                || current.status() == BillingStatus.PAST_DUE)) {
            change = SubscriptionChange.pause();
        } else if (!e.collectionPaused() && current.status() == BillingStatus.PAUSED) {
            change = SubscriptionChange.resume();
        }
        boolean autoRenew = !e.cancelAtPeriodEnd();
        if (current.autoRenew() != autoRenew) {
            change = change == null ? SubscriptionChange.autoRenew(autoRenew)
                    : change.and(SubscriptionChange.autoRenew(autoRenew));
        }
        if (change != null) {
            commit.changeSubscription(current, change);
        }
        return Decision.commit(commit);
    }

    private Decision subscriptionDeleted(BillingEvent.SubscriptionDeleted e) {
        Optional<BilledSubscription> found = ourSubscription(e.subscriptionId(), e.stripeSubscriptionId());
        if (found.isEmpty()) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        BillingCommit commit = BillingCommit.forEvent(e);
        if (!found.get().status().terminal()) {
            commit.changeSubscription(found.get(), SubscriptionChange.cancel());
        }
        return Decision.commit(commit);
    }

    private Decision chargeRefunded(BillingEvent.ChargeRefunded e) {
        if (e.paymentIntentId() == null) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        Optional<String> invoiceId = gateway.invoiceOfPaymentIntent(e.paymentIntentId());
        if (invoiceId.isEmpty()) {
            return Decision.outcome(BillingOutcome.IGNORED); // not a subscription payment
        }
        Optional<PaymentRecord> payment = repository.findPayment(invoiceId.get());
        if (payment.isEmpty()) {
            return Decision.outcome(BillingOutcome.RETRY_LATER);
        }
        BillingCommit commit = BillingCommit.forEvent(e);
        long refundedTo = Math.min(e.amountRefundedCents(), payment.get().grossCents());
        if (refundedTo > payment.get().refundedCents()) {
            commit.refund(payment.get(), refundedTo, e.created(), e.eventId());
        }
        return Decision.commit(commit);
    }

    private Decision accountUpdated(BillingEvent.AccountUpdated e) {
        if (e.providerId() == null) {
            return Decision.outcome(BillingOutcome.IGNORED);
        }
        BillingCommit commit = BillingCommit.forEvent(e);
        Optional<PayoutAccount> known = repository.findPayoutAccount(e.providerId());
        if (known.isEmpty() || !e.created().isBefore(known.get().updatedAt())) {
            commit.payoutAccount(new PayoutAccount(e.providerId(), e.accountId(), e.payoutsEnabled(),
                    e.detailsSubmitted(), e.created()));
        }
        return Decision.commit(commit);
    }

    private Optional<BilledSubscription> ourSubscription(String subscriptionId, String stripeSubscriptionId) {
        String id = subscriptionId != null ? subscriptionId
                : repository.subscriptionOfStripe(stripeSubscriptionId).orElse(null);
        return id == null ? Optional.empty() : subscriptions.find(id);
    }

    private record Decision(BillingOutcome outcome, BillingCommit commit, Runnable afterCommit) {
        static Decision outcome(BillingOutcome outcome) {
            return new Decision(outcome, null, null);
        }

        static Decision commit(BillingCommit commit) {
            return new Decision(null, commit, () -> { });
        }

        static Decision commit(BillingCommit commit, Runnable afterCommit) {
            return new Decision(null, commit, afterCommit);
        }
    }
}
