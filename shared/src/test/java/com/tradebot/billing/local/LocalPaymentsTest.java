package com.tradebot.billing.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.tradebot.billing.BilledSubscription;
import com.tradebot.billing.BillingEventHandler;
import com.tradebot.billing.BillingNotices;
import com.tradebot.billing.BillingRepository;
import com.tradebot.billing.BillingStatus;
import com.tradebot.billing.Ledger;
import com.tradebot.billing.LedgerEntry;
import com.tradebot.billing.LedgerKind;
import com.tradebot.billing.PaymentsGateway;
import com.tradebot.billing.PayoutIntent;
import com.tradebot.billing.PayoutJob;
import com.tradebot.billing.ProviderEarnings;
import com.tradebot.billing.ProviderEarningsService;
import com.tradebot.billing.ProviderOnboarding;
import com.tradebot.billing.RevenueReport;
import com.tradebot.billing.RevenueReportService;
import com.tradebot.billing.StrategyPricing;
import com.tradebot.billing.StripeEventFixtures;
import com.tradebot.billing.SubscriptionMetadata;
import com.tradebot.billing.LocalModeSubscriptions;
import com.tradebot.billing.stripe.StripeWebhookVerifier;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.common.ApiException;
import com.tradebot.testing.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Local payments mode: the adapter's checkout is paid on the "local page" (the processor), which sends signed
 * Stripe-format events that go through the same verification and handling as Stripe's, on the DynamoDB engine.
 */
class LocalPaymentsTest {
    private static final String SECRET = "whsec_local_test";

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    private final String table = LocalDynamoDb.newMainTable();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-10T12:00:00Z"));
    private final LocalModeSubscriptions subscriptions = new LocalModeSubscriptions(dynamoDb, table);
    private final BillingRepository repository = new BillingRepository(dynamoDb, table, subscriptions.port());
    private final AtomicReference<StripeWebhooks> webhooks = new AtomicReference<>();
    private final StripeEventSigner signer = new StripeEventSigner(SECRET);
    /** Delivers like the platform's /webhooks/stripe route will: raw body + header into the webhook service. */
    private final WebhookDelivery inProcess = payload -> {
        try {
            webhooks.get().receive(payload, signer.signatureHeader(payload, clock.instant()));
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    };
    private final LocalPaymentsGateway gateway = new LocalPaymentsGateway(dynamoDb, table,
            "http://localhost:13700/", inProcess, clock);

    LocalPaymentsTest() {
        BillingNotices none = (userId, subscriptionId, invoiceId) -> { };
        webhooks.set(new StripeWebhooks(new StripeWebhookVerifier(SECRET, clock),
                new BillingEventHandler(repository, gateway, none)));
    }

    @Test
    void payingOnTheLocalPageActivatesTheSubscriptionAndCreditsTheProvider() {
        StrategyPricing.Pricing pricing = new StrategyPricing(gateway).price("strat-1", "Momentum BTC", null, 99_99,
                "usd");
        subscriptions.createPending("sub-1", "user-1", "strat-1");
        PaymentsGateway.CheckoutSession session = gateway.createCheckoutSession(new PaymentsGateway.CheckoutRequest(
                new SubscriptionMetadata("sub-1", "user-1", "strat-1", "prov-1", 20), pricing.priceId(),
                "sub@example.com", "http://localhost:13700/ok", "http://localhost:13700/cancel"));

        assertThat(session.url()).isEqualTo("http://localhost:13700/_local/checkout/cs_local_sub-1");
        assertThat(gateway.processor().checkout(session.id()).amountCents()).isEqualTo(99_99);

        LocalPaymentsProcessor.PaidPeriod paid = gateway.processor().pay(session.id());

        assertThat(paid.deliveryStatuses()).containsExactly(200, 200);
        BilledSubscription subscription = subscriptions.get("sub-1");
        assertThat(subscription.status()).isEqualTo(BillingStatus.ACTIVE);
        assertThat(subscription.endDate()).isEqualTo(Instant.parse("2026-12-10T12:00:00Z"));
        assertThat(subscription.stripeSubscriptionId()).isEqualTo(paid.stripeSubscriptionId());
        List<LedgerEntry> entries = repository.entriesOf(Ledger.paymentGroup(paid.invoiceId()));
        assertThat(entries).extracting(LedgerEntry::kind, LedgerEntry::amountCents).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(LedgerKind.PAYMENT, -99_99L),
                org.assertj.core.groups.Tuple.tuple(LedgerKind.PLATFORM_FEE, 20_00L),
                org.assertj.core.groups.Tuple.tuple(LedgerKind.PROVIDER_EARNING, 79_99L));
        ProviderEarnings earnings = new ProviderEarningsService(repository, clock).earnings("prov-1");
        assertThat(earnings.balanceCents()).isEqualTo(79_99);
        assertThat(earnings.pendingCents()).isEqualTo(79_99);
        assertThatThrownBy(() -> gateway.processor().pay(session.id())).hasMessageContaining("complete");

        // next month: the renewal extends the paid period; a failed one after it marks the subscription past due
        clock.set(Instant.parse("2026-12-10T12:00:00Z"));
        LocalPaymentsProcessor.PaidPeriod renewed = gateway.processor().renew(paid.stripeSubscriptionId());
        assertThat(subscriptions.get("sub-1").endDate()).isEqualTo(Instant.parse("2027-01-10T12:00:00Z"));
        assertThat(gateway.processor().failRenewal(paid.stripeSubscriptionId())).isEqualTo(200);
        assertThat(subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.PAST_DUE);

        // a refund of the renewal reverses its split, traced through the local payment intent
        assertThat(gateway.processor().refund(renewed.invoiceId(), 99_99)).isEqualTo(200);
        assertThat(repository.entriesOf(Ledger.paymentGroup(renewed.invoiceId())))
                .filteredOn(e -> e.kind() == LedgerKind.PROVIDER_EARNING_REVERSAL)
                .extracting(LedgerEntry::amountCents).containsExactly(-79_99L);
    }

    @Test
    void cancelAndPauseMirrorToTheLocalProcessorAndComeBackAsEvents() {
        StrategyPricing.Pricing pricing = new StrategyPricing(gateway).price("strat-2", "Mean reversion", null, 25_00,
                "usd");
        subscriptions.createPending("sub-2", "user-2", "strat-2");
        String sessionId = gateway.createCheckoutSession(new PaymentsGateway.CheckoutRequest(
                new SubscriptionMetadata("sub-2", "user-2", "strat-2", "prov-2", 20), pricing.priceId(), null,
                "http://localhost:13700/ok", "http://localhost:13700/cancel")).id();
        String stripeSubscription = gateway.processor().pay(sessionId).stripeSubscriptionId();

        clock.set(clock.instant().plusSeconds(60));
        gateway.setCancelAtPeriodEnd(stripeSubscription, true);
        assertThat(subscriptions.get("sub-2").autoRenew()).isFalse();
        clock.set(clock.instant().plusSeconds(60));
        gateway.setCollectionPaused(stripeSubscription, true);
        assertThat(subscriptions.get("sub-2").status()).isEqualTo(BillingStatus.PAUSED);
        clock.set(clock.instant().plusSeconds(60));
        gateway.setCollectionPaused(stripeSubscription, false);
        assertThat(subscriptions.get("sub-2").status()).isEqualTo(BillingStatus.ACTIVE);
        clock.set(clock.instant().plusSeconds(60));
        gateway.processor().cancelNow(stripeSubscription);
        assertThat(subscriptions.get("sub-2").status()).isEqualTo(BillingStatus.CANCELLED);
    }

    @Test
    void onboardingThenMonthlyPayoutPaysOnceEvenAfterACrash() {
        StrategyPricing.Pricing pricing = new StrategyPricing(gateway).price("strat-3", "Breakout", null, 99_99,
                "usd");
        subscriptions.createPending("sub-3", "user-3", "strat-3");
        gateway.processor().pay(gateway.createCheckoutSession(new PaymentsGateway.CheckoutRequest(
                new SubscriptionMetadata("sub-3", "user-3", "strat-3", "prov-3", 20), pricing.priceId(), null,
                "http://localhost:13700/ok", "http://localhost:13700/cancel")).id());

        ProviderOnboarding.Onboarding onboarding = new ProviderOnboarding(repository, gateway)
                .start("prov-3", "p3@example.com", "http://localhost:13700/again", "http://localhost:13700/done");
        assertThat(onboarding.onboardingUrl()).startsWith("http://localhost:13700/_local/connect/acct_local_prov-3");
        assertThat(onboarding.payoutsEnabled()).isFalse();
        assertThat(gateway.processor().completeOnboarding(onboarding.accountId())).isEqualTo(200);
        assertThat(repository.findPayoutAccount("prov-3").orElseThrow().payoutsEnabled()).isTrue();

        clock.set(Instant.parse("2026-12-01T03:00:00Z"));
        YearMonth december = YearMonth.of(2026, 12);
        PaymentsGateway crashing = new CrashingAfterTransfer(gateway);
        assertThatThrownBy(() -> new PayoutJob(repository, crashing, clock, "usd").run(december))
                .hasMessageContaining("crash");
        PayoutJob job = new PayoutJob(repository, gateway, clock, "usd");
        PayoutJob.Result rerun = job.run(december);
        PayoutJob.Result again = job.run(december);

        assertThat(rerun.paid()).extracting(PayoutIntent::amountCents).containsExactly(79_99L);
        assertThat(again.paid()).isEmpty();
        assertThat(gateway.findTransfer("payout-prov-3-2026-11")).get()
                .satisfies(t -> assertThat(t.id()).isEqualTo(rerun.paid().get(0).transferId()));
        ProviderEarnings earnings = new ProviderEarningsService(repository, clock).earnings("prov-3");
        assertThat(earnings.paidOutCents()).isEqualTo(79_99);
        assertThat(earnings.balanceCents()).isZero();
    }

    @Test
    void adminRevenueReportByMonth() {
        StrategyPricing.Pricing pricing = new StrategyPricing(gateway).price("strat-4", "Scalper", null, 99_99, "usd");
        subscriptions.createPending("sub-4", "user-4", "strat-4");
        LocalPaymentsProcessor.PaidPeriod november = gateway.processor().pay(gateway.createCheckoutSession(
                new PaymentsGateway.CheckoutRequest(new SubscriptionMetadata("sub-4", "user-4", "strat-4", "prov-4",
                        20), pricing.priceId(), null, "http://localhost:13700/ok", "http://localhost:13700/no")).id());
        new ProviderOnboarding(repository, gateway).start("prov-4", null, "http://x/again", "http://x/done");
        gateway.processor().completeOnboarding("acct_local_prov-4");
        clock.set(Instant.parse("2026-12-01T03:00:00Z"));
        new PayoutJob(repository, gateway, clock, "usd").run(YearMonth.of(2026, 12));
        clock.set(Instant.parse("2026-12-10T12:00:00Z"));
        gateway.processor().renew(november.stripeSubscriptionId());
        gateway.processor().refund(november.invoiceId(), 50_00); // half of November's payment, refunded in December

        RevenueReport report = new RevenueReportService(repository).report(YearMonth.of(2026, 11),
                YearMonth.of(2026, 12));

        RevenueReport.Month nov = report.months().get(0);
        RevenueReport.Month dec = report.months().get(1);
        assertThat(nov.payments()).isEqualTo(1);
        assertThat(nov.grossCents()).isEqualTo(99_99);
        assertThat(nov.platformFeeCents()).isEqualTo(20_00);
        assertThat(nov.providerEarningsCents()).isEqualTo(79_99);
        assertThat(nov.paidOutCents()).isZero();
        assertThat(dec.payments()).isEqualTo(1);
        assertThat(dec.refundedCents()).isEqualTo(50_00);
        assertThat(dec.platformFeeReversedCents()).isEqualTo(10_00);
        assertThat(dec.providerEarningsReversedCents()).isEqualTo(40_00);
        assertThat(dec.paidOutCents()).isEqualTo(79_99);
        assertThat(dec.netRevenueCents()).isEqualTo(10_00);
        assertThat(report.total().grossCents()).isEqualTo(2 * 99_99);
        assertThat(report.total().netRevenueCents()).isEqualTo(30_00);
        assertThatThrownBy(() -> new RevenueReportService(repository).report(YearMonth.of(2026, 12),
                YearMonth.of(2026, 11))).isInstanceOf(IllegalArgumentException.class);

        ProviderEarnings earnings = new ProviderEarningsService(repository, clock).earnings("prov-4");
        assertThat(earnings.byMonth()).extracting(ProviderEarnings.Month::month, ProviderEarnings.Month::netCents,
                ProviderEarnings.Month::paidOutCents).containsExactly(
                org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 11), 79_99L, 0L),
                org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 12), 79_99L - 40_00L, 79_99L));
        assertThat(earnings.paidOutCents()).isEqualTo(79_99);
        assertThat(earnings.pendingCents()).isEqualTo(39_99);
        assertThat(earnings.availableCents()).isZero();
        assertThat(earnings.balanceCents()).isEqualTo(39_99);
    }

    @Test
    void httpDeliveryPostsEventsStripeWouldSign() {
        WireMockServer platform = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        platform.start();
        try {
            platform.stubFor(post("/webhooks/stripe").willReturn(aResponse().withStatus(200)));
            HttpWebhookDelivery delivery = new HttpWebhookDelivery(
                    URI.create("http://127.0.0.1:" + platform.port() + "/webhooks/stripe"), signer, clock);
            String payload = StripeEventFixtures.event("invoice.paid", e -> { });

            assertThat(delivery.deliver(payload)).isEqualTo(200);

            LoggedRequest request = platform.findAll(postRequestedFor(urlPathEqualTo("/webhooks/stripe"))).get(0);
            String header = request.getHeader("Stripe-Signature");
            assertThat(header).isEqualTo(StripeEventFixtures.signature(payload, SECRET, clock.instant()));
            Event event = Webhook.constructEvent(request.getBodyAsString(), header, SECRET, 300,
                    Clock.fixed(clock.instant(), ZoneOffset.UTC));
            assertThat(event.getId()).isEqualTo("evt_1Rinvoicepaid");
        } catch (com.stripe.exception.SignatureVerificationException e) {
            throw new AssertionError(e);
        } finally {
            platform.stop();
        }
    }

    /** The payout job's process dying right after the transfer. */
    private static final class CrashingAfterTransfer implements PaymentsGateway {
        private final LocalPaymentsGateway delegate;

        CrashingAfterTransfer(LocalPaymentsGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transfer createTransfer(String accountId, long amountCents, String currency, String transferGroup) {
            delegate.createTransfer(accountId, amountCents, currency, transferGroup);
            throw new IllegalStateException("simulated crash after the transfer");
        }

        @Override
        public java.util.Optional<Transfer> findTransfer(String transferGroup) {
            return delegate.findTransfer(transferGroup);
        }

        @Override
        public String createProduct(String strategyId, String name) {
            return delegate.createProduct(strategyId, name);
        }

        @Override
        public String createMonthlyPrice(String strategyId, String productId, long amountCents, String currency,
                                         int revision) {
            return delegate.createMonthlyPrice(strategyId, productId, amountCents, currency, revision);
        }

        @Override
        public void archivePrice(String priceId) {
            delegate.archivePrice(priceId);
        }

        @Override
        public CheckoutSession createCheckoutSession(CheckoutRequest request) {
            return delegate.createCheckoutSession(request);
        }

        @Override
        public void setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancelAtPeriodEnd) {
            delegate.setCancelAtPeriodEnd(stripeSubscriptionId, cancelAtPeriodEnd);
        }

        @Override
        public void setCollectionPaused(String stripeSubscriptionId, boolean paused) {
            delegate.setCollectionPaused(stripeSubscriptionId, paused);
        }

        @Override
        public String createExpressAccount(String providerId, String email) {
            return delegate.createExpressAccount(providerId, email);
        }

        @Override
        public String createAccountLink(String accountId, String refreshUrl, String returnUrl) {
            return delegate.createAccountLink(accountId, refreshUrl, returnUrl);
        }

        @Override
        public java.util.Optional<String> invoiceOfPaymentIntent(String paymentIntentId) {
            return delegate.invoiceOfPaymentIntent(paymentIntentId);
        }
    }

    /** A clock the test moves forward (months pass between renewals). */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
