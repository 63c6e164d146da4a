package com.tradebot.functions.jobs.billing;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.billing.PayoutJob;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.subscription.PaymentsWiring;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Monthly (the 1st): pays each provider's available balance of the months before through Stripe Connect. */
public final class ProviderPayoutsHandler extends ScheduledHandler<Map<String, Integer>> {
    private static final Logger LOG = LogManager.getLogger(ProviderPayoutsHandler.class);

    private final PayoutJob payouts;
    private final Clock clock;

    public ProviderPayoutsHandler() {
        this(PaymentsWiring.fromEnvironment());
    }

    private ProviderPayoutsHandler(PaymentsWiring wiring) {
        this(wiring.payoutJob(), wiring.clock());
    }

    public ProviderPayoutsHandler(PayoutJob payouts, Clock clock) {
        this.payouts = payouts;
        this.clock = clock;
    }

    @Override
    protected Map<String, Integer> run(ScheduledEvent event) {
        PayoutJob.Result result = payouts.run(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        LOG.info("payouts: {} paid, {} skipped, {} failed", result.paid().size(), result.skipped().size(),
                result.failed().size());
        return Map.of("paid", result.paid().size(), "skipped", result.skipped().size(),
                "failed", result.failed().size());
    }
}
