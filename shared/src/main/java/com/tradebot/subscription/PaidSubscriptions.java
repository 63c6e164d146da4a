package com.tradebot.subscription;

import com.tradebot.billing.BilledSubscription;
import com.tradebot.billing.BillingStatus;
import com.tradebot.billing.PaymentsGateway;
import com.tradebot.billing.StrategyPriceRepository;
import com.tradebot.billing.StrategyPricing;
import com.tradebot.billing.SubscriptionChange;
import com.tradebot.billing.SubscriptionMetadata;
import com.tradebot.billing.stripe.PaymentsGatewayException;
import com.tradebot.common.ApiException;
import com.tradebot.strategy.Strategy;
import java.util.Optional;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Subscribing to paid strategies through checkout, and the subscriber's cancel and pause mirrored to Stripe.
 *
 * <p>A paid strategy gets a PENDING subscription (holding the user's slot) and a Checkout Session for the strategy's
 * current Stripe Price; the webhook activates it once paid. The strategy's Product and Price are made at its first
 * checkout and a new Price at the first checkout after {@code monthlyPrice} changed (the old one is archived; Stripe
 * subscriptions already on it keep it). Asking again while the checkout is open returns the same pending
 * subscription with a session for it. Cancel sets {@code cancel_at_period_end} (signals continue until the paid period
 * ends), pause sets {@code pause_collection}; Stripe's own {@code customer.subscription.updated} confirms either, and
 * the version check on the record keeps the two writers from overwriting each other.
 */
public final class PaidSubscriptions {
    private static final Logger LOG = LogManager.getLogger(PaidSubscriptions.class);
    private static final int ATTEMPTS = 4;

    private final SubscriptionService subscriptions;
    private final SubscriptionRepository repository;
    private final StrategyPriceRepository prices;
    private final StrategyPricing pricing;
    private final PaymentsGateway gateway;
    private final String currency;

    public PaidSubscriptions(SubscriptionService subscriptions, StrategyPriceRepository prices,
                             PaymentsGateway gateway, String currency) {
        this.subscriptions = subscriptions;
        this.repository = subscriptions.repository();
        this.prices = prices;
        this.pricing = new StrategyPricing(gateway);
        this.gateway = gateway;
        this.currency = currency;
    }

    /** The answer to POST /api/subscriptions for a paid strategy. */
    public record CheckoutStarted(PendingSubscription subscription, String checkoutUrl) {
    }

    public record PendingSubscription(String id, String status) {
    }

    /** Where Stripe sends the subscriber back after paying or giving up. */
    public record ReturnUrls(String success, String cancel) {
    }

    /**
     * A free strategy's ACTIVE {@link Subscription}, or for a paid one a {@link CheckoutStarted}. {@code returnUrls}
     * makes the return addresses for a subscription id.
     */
    public Object subscribe(String userId, String strategyId, Function<String, ReturnUrls> returnUrls) {
        Strategy strategy = subscriptions.subscribable(userId, strategyId);
        if (strategy.free()) {
            return subscriptions.subscribe(userId, strategyId);
        }
        Subscription pending = repository.ofUserToStrategy(userId, strategyId).stream()
                .filter(s -> s.status() == SubscriptionStatus.PENDING).findFirst()
                .orElseGet(() -> subscriptions.createRecord(userId, strategy, SubscriptionStatus.PENDING, null));
        StrategyPricing.Pricing price = currentPrice(strategy);
        ReturnUrls urls = returnUrls.apply(pending.id());
        SubscriptionMetadata metadata = new SubscriptionMetadata(pending.id(), userId, strategy.id(),
                strategy.ownerId(), strategy.revenueSharePercent());
        PaymentsGateway.CheckoutSession session = payments(() -> gateway.createCheckoutSession(
                new PaymentsGateway.CheckoutRequest(metadata, price.priceId(), null, urls.success(), urls.cancel())));
        return new CheckoutStarted(new PendingSubscription(pending.id(), SubscriptionStatus.PENDING.name()),
                session.url());
    }

    private StrategyPricing.Pricing currentPrice(Strategy strategy) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StrategyPricing.Pricing> stored = prices.find(strategy.id());
            StrategyPricing.Pricing current = stored.orElse(null);
            StrategyPricing.Pricing wanted = payments(() -> pricing.price(strategy.id(), strategy.name(), current,
                    strategy.monthlyPriceCents(), currency));
            if (wanted == current || prices.save(strategy.id(), wanted, current == null ? 0 : current.revision())) {
                return wanted;
            }
            // another checkout re-priced meanwhile (with the same idempotency keys): take what it stored
        }
        throw ApiException.conflict("CONCURRENT_CHANGE", "The strategy's price changed meanwhile; try again");
    }

    /** Ends renewal at the end of the paid period (a paid subscription) or ends it now (free, or never paid). */
    public Subscription cancel(String userId, String id) {
        SubscriptionRepository.Billed found = owned(userId, id);
        BilledSubscription billed = found.billing();
        if (billed.stripeSubscriptionId() == null || billed.status().terminal()) {
            return subscriptions.cancel(userId, id);
        }
        if (billed.autoRenew()) {
            payments(() -> {
                gateway.setCancelAtPeriodEnd(billed.stripeSubscriptionId(), true);
                return null;
            });
            change(id, current -> current.autoRenew() ? SubscriptionChange.autoRenew(false) : null);
        }
        return repository.find(id).orElseThrow();
    }

    /** Pauses a paid subscription: collection stops at Stripe and signals stop at once. */
    public Subscription pause(String userId, String id) {
        SubscriptionRepository.Billed found = owned(userId, id);
        BilledSubscription billed = found.billing();
        if (billed.status() == BillingStatus.PAUSED) {
            return found.subscription();
        }
        if (billed.stripeSubscriptionId() == null) {
            throw ApiException.conflict("NOT_PAUSABLE", "Only a paid, checked-out subscription can be paused");
        }
        if (billed.status() != BillingStatus.ACTIVE && billed.status() != BillingStatus.PAST_DUE) {
            throw ApiException.conflict("NOT_PAUSABLE", "The subscription is " + billed.status());
        }
        payments(() -> {
            gateway.setCollectionPaused(billed.stripeSubscriptionId(), true);
            return null;
        });
        change(id, current -> current.status() == BillingStatus.ACTIVE || current.status() == BillingStatus.PAST_DUE
                ? SubscriptionChange.pause() : null);
        return repository.find(id).orElseThrow();
    }

    private SubscriptionRepository.Billed owned(String userId, String id) {
        SubscriptionRepository.Billed found = repository.findBilled(id)
                .orElseThrow(() -> ApiException.notFound("No subscription " + id));
        if (!found.subscription().userId().equals(userId)) {
            throw ApiException.forbidden("Not your subscription");
        }
        return found;
    }

    /** Applies the change {@code decide} makes of the current record (null: nothing to do), re-reading on conflict. */
    private void change(String id, Function<BilledSubscription, SubscriptionChange> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            BilledSubscription current = repository.billing().find(id).orElseThrow();
            SubscriptionChange change = decide.apply(current);
            if (change == null || repository.apply(current, change)) {
                return;
            }
        }
        // Stripe's customer.subscription.updated brings the record in line when it arrives
        LOG.warn("subscription {} kept changing; its Stripe event will apply the change", id);
    }

    private interface PaymentsCall<T> {
        T run();
    }

    private static <T> T payments(PaymentsCall<T> call) {
        try {
            return call.run();
        } catch (PaymentsGatewayException e) {
            LOG.error("payments call failed: {}", e.getMessage());
            throw new ApiException(502, "PAYMENTS_UNAVAILABLE", "The payment processor did not answer; try again");
        }
    }
}
