package com.tradebot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.auth.MutableClock;
import com.tradebot.billing.BilledSubscription;
import com.tradebot.billing.BillingModule;
import com.tradebot.billing.BillingStatus;
import com.tradebot.billing.StrategyPriceRepository;
import com.tradebot.billing.SubscriptionChange;
import com.tradebot.billing.local.LocalPaymentsGateway;
import com.tradebot.billing.local.StripeEventSigner;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.common.ApiException;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.strategy.Strategy;
import com.tradebot.testing.LocalDynamoDb;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checkout, the webhook and the renewal job together on the DynamoDB engine, with the local payments adapter standing
 * in for Stripe: its events are signed and go through the real verification ({@link StripeWebhooks}) in-process.
 */
class PaidSubscriptionsTest {
    private static final String SECRET = "whsec_paid_subscriptions_test";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final MarketplaceFixture market = new MarketplaceFixture();
    private final String table = market.table;
    private StripeWebhooks webhooks;
    private final LocalPaymentsGateway gateway = new LocalPaymentsGateway(LocalDynamoDb.client(), table,
            "http://local.test", payload -> {
                String header = new StripeEventSigner(SECRET).signatureHeader(payload, clock.instant());
                try {
                    webhooks.receive(payload, header);
                    return 200;
                } catch (ApiException e) {
                    return e.status();
                }
            }, clock);
    private final PaymentsWiring wiring = new PaymentsWiring(LocalDynamoDb.client(), table, gateway, clock);
    private final SubscriptionRepository repository = wiring.subscriptionRepository();
    private final PaidSubscriptions paid = wiring.paidSubscriptions();
    private final SubscriptionService service = wiring.subscriptionService();

    {
        webhooks = new StripeWebhooks(new com.tradebot.billing.stripe.StripeWebhookVerifier(SECRET, clock),
                new com.tradebot.billing.BillingEventHandler(wiring.billingRepository(), gateway, wiring.notices()));
    }

    private Strategy paidStrategy(String owner, String price) {
        return market.strategies.create(owner, MarketplaceFixture.draft("Paid " + owner, price));
    }

    private PaidSubscriptions.CheckoutStarted checkout(String userId, String strategyId) {
        return (PaidSubscriptions.CheckoutStarted) paid.subscribe(userId, strategyId,
                id -> new PaidSubscriptions.ReturnUrls("https://app.test/ok/" + id, "https://app.test/no/" + id));
    }

    private String sessionOf(PaidSubscriptions.CheckoutStarted started) {
        String path = URI.create(started.checkoutUrl()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void paidCheckoutActivatesOnTheSignedEventsAndSplitsTheMoney() {
        Strategy strategy = paidStrategy("prov-1", "99.99");
        PaidSubscriptions.CheckoutStarted started = checkout("user-1", strategy.id());
        assertThat(started.subscription().status()).isEqualTo("PENDING");
        assertThat(started.checkoutUrl()).startsWith("http://local.test/_local/checkout/");
        assertThat(service.isLiveSubscriber("user-1", strategy.id())).isFalse();
        assertThat(checkout("user-1", strategy.id()).subscription().id()).as("the pending one again")
                .isEqualTo(started.subscription().id());

        assertThat(gateway.processor().pay(sessionOf(started)).deliveryStatuses()).containsExactly(200, 200);

        Subscription active = repository.find(started.subscription().id()).orElseThrow();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.endDate()).isAfter(clock.instant().plus(Duration.ofDays(27)));
        assertThat(service.isLiveSubscriber("user-1", strategy.id())).isTrue();
        assertThat(market.strategyRepository.find(strategy.id()).orElseThrow().subscriberCount()).isEqualTo(1);
        assertThat(wiring.earnings().earnings("prov-1").balanceCents()).isEqualTo(79_99);
        assertThat(repository.billing().find(active.id()).orElseThrow().version()).isPositive();
        assertThatThrownBy(() -> checkout("user-1", strategy.id())).isInstanceOf(ApiException.class)
                .hasMessageContaining("already have a subscription");
    }

    @Test
    void aWriteBasedOnAStaleReadLosesAndNothingIsOverwritten() {
        Strategy strategy = paidStrategy("prov-2", "10");
        String id = checkout("user-2", strategy.id()).subscription().id();
        BilledSubscription stale = repository.billing().find(id).orElseThrow();
        assertThat(repository.apply(stale, SubscriptionChange.activate("sub_x", "cus_x", null))).isTrue();
        // a user's action decided on the old record must not overwrite the activation
        assertThat(repository.apply(stale, SubscriptionChange.cancel())).isFalse();
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void aNewMonthlyPriceIsANewStripePriceForNewCheckouts() {
        Strategy strategy = paidStrategy("prov-3", "99.99");
        checkout("user-3", strategy.id());
        StrategyPriceRepository prices = new StrategyPriceRepository(LocalDynamoDb.client(), table);
        assertThat(prices.find(strategy.id()).orElseThrow().revision()).isEqualTo(1);
        market.strategies.update("prov-3", strategy.id(), MarketplaceFixture.draft("Paid prov-3", "49.99"));
        PaidSubscriptions.CheckoutStarted second = checkout("user-4", strategy.id());
        assertThat(prices.find(strategy.id()).orElseThrow())
                .satisfies(p -> assertThat(p.revision()).isEqualTo(2))
                .satisfies(p -> assertThat(p.monthlyPriceCents()).isEqualTo(49_99));
        assertThat(gateway.processor().checkout(sessionOf(second)).amountCents()).isEqualTo(49_99);
    }

    @Test
    void renewalsRemindOnceRenewLocallyAndALapsedSubscriptionLosesSignals() {
        Strategy strategy = paidStrategy("prov-5", "99.99");
        PaidSubscriptions.CheckoutStarted started = checkout("user-5", strategy.id());
        String id = started.subscription().id();
        gateway.processor().pay(sessionOf(started));
        Instant firstEnd = repository.find(id).orElseThrow().endDate();
        NotificationRepository notifications = new NotificationRepository(LocalDynamoDb.client(), table);

        clock.advance(Duration.between(clock.instant(), firstEnd.minus(Duration.ofDays(2))));
        SubscriptionRenewals local = wiring.renewals(); // the local adapter plays Stripe's renewal charge
        assertThat(local.run().reminded()).containsExactly(id);
        local.run();
        assertThat(notifications.list("user-5", null, 10).items()).extracting(n -> n.kind())
                .containsExactly("RENEWAL_REMINDER");

        clock.advance(Duration.ofDays(3)); // a day past the end
        assertThat(local.run().renewed()).containsExactly(id);
        Instant secondEnd = repository.find(id).orElseThrow().endDate();
        assertThat(secondEnd).isAfter(firstEnd);
        assertThat(wiring.earnings().earnings("prov-5").balanceCents()).isEqualTo(2 * 79_99);

        // no renewal charge arrives (Stripe mode without a payment): signals stop at the end, EXPIRED after grace
        SubscriptionRenewals stripeMode = new SubscriptionRenewals(repository, wiring.notices(), Optional.empty(),
                clock);
        clock.advance(Duration.between(clock.instant(), secondEnd.plus(Duration.ofHours(1))));
        assertThat(service.isLiveSubscriber("user-5", strategy.id())).isFalse();
        assertThat(stripeMode.run().expired()).isEmpty();
        clock.advance(SubscriptionRenewals.GRACE);
        assertThat(stripeMode.run().expired()).containsExactly(id);
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(market.strategyRepository.find(strategy.id()).orElseThrow().subscriberCount()).isZero();
        assertThat(checkout("user-5", strategy.id()).subscription().id()).as("the slot is free again").isNotEqualTo(id);
    }

    @Test
    void cancelMirrorsCancelAtPeriodEndAndTheJobEndsItThen() {
        Strategy strategy = paidStrategy("prov-6", "20");
        PaidSubscriptions.CheckoutStarted started = checkout("user-6", strategy.id());
        String id = started.subscription().id();
        gateway.processor().pay(sessionOf(started));
        assertThatThrownBy(() -> paid.cancel("someone-else", id)).isInstanceOf(ApiException.class)
                .hasMessageContaining("Not your subscription");

        Subscription cancelled = paid.cancel("user-6", id);
        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(cancelled.autoRenew()).isFalse();
        assertThat(service.isLiveSubscriber("user-6", strategy.id())).as("until the paid period ends").isTrue();

        clock.advance(Duration.between(clock.instant(), cancelled.endDate().plus(Duration.ofMinutes(1))));
        assertThat(wiring.renewals().run().cancelled()).containsExactly(id);
        assertThat(repository.billing().find(id).orElseThrow().status()).isEqualTo(BillingStatus.CANCELLED);
    }

    @Test
    void pauseMirrorsPauseCollectionAndStopsSignals() {
        Strategy strategy = paidStrategy("prov-7", "20");
        PaidSubscriptions.CheckoutStarted started = checkout("user-7", strategy.id());
        String id = started.subscription().id();
        assertThatThrownBy(() -> paid.pause("user-7", id)).isInstanceOf(ApiException.class)
                .hasMessageContaining("paid, checked-out");
        gateway.processor().pay(sessionOf(started));

        assertThat(paid.pause("user-7", id).status()).isEqualTo(SubscriptionStatus.PAUSED);
        assertThat(service.isLiveSubscriber("user-7", strategy.id())).isFalse();
        assertThat(paid.pause("user-7", id).status()).isEqualTo(SubscriptionStatus.PAUSED);
    }

    @Test
    void theLocalSecretIsTheDefaultOnlyWhenNoneIsConfigured() {
        assertThat(BillingModule.localWebhookSecret("")).isEqualTo(BillingModule.localWebhookSecret(null))
                .startsWith("whsec_");
        assertThat(BillingModule.localWebhookSecret("whsec_mine")).isEqualTo("whsec_mine");
    }
}
