package com.tradebot.functions.jobs.billing;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.subscription.PaymentsWiring;
import com.tradebot.subscription.SubscriptionRenewals;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Daily: renewal reminders, cancel at period end, expiry of unpaid subscriptions ({@link SubscriptionRenewals}). */
public final class SubscriptionRenewalsHandler extends ScheduledHandler<SubscriptionRenewals.Result> {
    private static final Logger LOG = LogManager.getLogger(SubscriptionRenewalsHandler.class);

    private final SubscriptionRenewals renewals;

    public SubscriptionRenewalsHandler() {
        this(PaymentsWiring.fromEnvironment().renewals());
    }

    public SubscriptionRenewalsHandler(SubscriptionRenewals renewals) {
        this.renewals = renewals;
    }

    @Override
    protected SubscriptionRenewals.Result run(ScheduledEvent event) {
        SubscriptionRenewals.Result result = renewals.run();
        LOG.info("renewals: {} reminded, {} renewed, {} cancelled, {} expired", result.reminded().size(),
                result.renewed().size(), result.cancelled().size(), result.expired().size());
        return result;
    }
}
