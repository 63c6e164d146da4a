package com.tradebot.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.tradebot.billing.stripe.StripePaymentsGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monthly payout against the DynamoDB engine, with Stripe's transfers endpoint stubbed in WireMock. */
class PayoutJobTest {
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final Instant RUN_AT = Instant.parse("2026-12-01T03:00:00Z");
    private static final String GROUP = "payout-prov-1-2026-11";

    private final BillingFixture billing = new BillingFixture();
    private final Clock clock = Clock.fixed(RUN_AT, ZoneOffset.UTC);
    private WireMockServer stripe;
    private StripePaymentsGateway gateway;
    private int invoices;

    @BeforeEach
    void start() {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        stripe.start();
        gateway = StripePaymentsGateway.create("sk_test_payouts", "http://127.0.0.1:" + stripe.port());
        // Stripe's side, stateful: no transfer for the group until one is created
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group", equalTo(GROUP))
                .inScenario("transfer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(resource("transfer_list_empty.json"))));
        stripe.stubFor(post("/v1/transfers").inScenario("transfer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(resource("transfer.json"))).willSetStateTo("transferred"));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group", equalTo(GROUP))
                .inScenario("transfer").whenScenarioStateIs("transferred")
                .willReturn(okJson(resource("transfer_list.json"))));
        enablePayouts("prov-1", "acct_1Rprovider1");
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void paysTheAvailableBalanceOnceHoweverOftenItRuns() {
        pay("prov-1", 99_99, Instant.parse("2026-11-10T12:00:00Z"));

        PayoutJob job = new PayoutJob(billing.repository, gateway, clock, "usd");
        PayoutJob.Result first = job.run(DECEMBER);
        PayoutJob.Result second = job.run(DECEMBER);

        assertThat(first.paid()).singleElement().satisfies(p -> {
            assertThat(p.amountCents()).isEqualTo(79_99);
            assertThat(p.transferId()).isEqualTo("tr_1Rpayout1");
        });
        assertThat(second.paid()).isEmpty();
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withHeader("Idempotency-Key", equalTo(GROUP))
                .withFormParam("amount", equalTo("7999")));
        assertPaidOutOnce();
    }

    @Test
    void aCrashBetweenTransferAndRecordIsFinishedWithoutPayingAgain() {
        pay("prov-1", 99_99, Instant.parse("2026-11-10T12:00:00Z"));
        PaymentsGateway crashingAfterTransfer = new CrashAfterTransfer(gateway);

        assertThatThrownBy(() -> new PayoutJob(billing.repository, crashingAfterTransfer, clock, "usd").run(DECEMBER))
                .hasMessageContaining("crash");
        ProviderEarnings meanwhile = new ProviderEarningsService(billing.repository, clock).earnings("prov-1");
        assertThat(meanwhile.inPayoutCents()).isEqualTo(79_99);
        assertThat(meanwhile.availableCents()).as("money in flight is not available twice").isZero();

        PayoutJob.Result rerun = new PayoutJob(billing.repository, gateway, clock, "usd").run(DECEMBER);

        assertThat(rerun.paid()).singleElement().satisfies(p -> assertThat(p.transferId()).isEqualTo("tr_1Rpayout1"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/transfers")));
        assertPaidOutOnce();
    }

    @Test
    void onlyBalancesOfFiftyDollarsOrMoreFromClosedMonthsArePaid() {
        enablePayouts("prov-low", "acct_low");
        enablePayouts("prov-min", "acct_min");
        pay("prov-low", 62_49, Instant.parse("2026-11-10T12:00:00Z"));  // provider 49.99
        pay("prov-min", 62_50, Instant.parse("2026-11-10T12:00:00Z"));  // provider 50.00
        pay("prov-1", 99_99, Instant.parse("2026-12-01T01:00:00Z"));    // this month: pending
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group",
                equalTo("payout-prov-min-2026-11")).willReturn(okJson(resource("transfer_list_empty.json"))));
        stripe.stubFor(post("/v1/transfers").withFormParam("destination", equalTo("acct_min"))
                .willReturn(okJson(resource("transfer.json").replace("tr_1Rpayout1", "tr_min")
                        .replace("\"amount\": 7999", "\"amount\": 5000"))));

        PayoutJob.Result result = new PayoutJob(billing.repository, gateway, clock, "usd").run(DECEMBER);

        assertThat(result.paid()).extracting(PayoutIntent::providerId).containsExactly("prov-min");
        assertThat(result.paid().get(0).amountCents()).isEqualTo(50_00);
        assertThat(result.skipped()).hasSize(2);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/transfers")));
        ProviderEarnings pending = new ProviderEarningsService(billing.repository, clock).earnings("prov-1");
        assertThat(pending.pendingCents()).isEqualTo(79_99);
        assertThat(pending.availableCents()).isZero();
    }

    @Test
    void providersWithoutPayoutsEnabledAreSkipped() {
        billing.repository.commit(BillingCommit.withoutEvent().payoutAccount(
                new PayoutAccount("prov-new", "acct_new", false, false, Instant.EPOCH)));
        pay("prov-new", 99_99, Instant.parse("2026-11-10T12:00:00Z"));

        PayoutJob.Result result = new PayoutJob(billing.repository, gateway, clock, "usd").run(DECEMBER);

        assertThat(result.skipped()).anyMatch(s -> s.startsWith("prov-new: payouts not enabled"));
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/transfers")));
    }

    private void assertPaidOutOnce() {
        List<LedgerEntry> payout = billing.repository.entriesOf(Ledger.payoutGroup("prov-1", YearMonth.of(2026, 11)));
        assertThat(payout).extracting(LedgerEntry::kind, LedgerEntry::amountCents)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(LedgerKind.PAYOUT, -79_99L),
                        org.assertj.core.groups.Tuple.tuple(LedgerKind.PAYOUT_TRANSFER, 79_99L));
        ProviderEarnings after = new ProviderEarningsService(billing.repository, clock).earnings("prov-1");
        assertThat(after.paidOutCents()).isEqualTo(79_99);
        assertThat(after.balanceCents()).isZero();
        assertThat(after.availableCents()).isZero();
        assertThat(after.inPayoutCents()).isZero();
        assertThat(billing.repository.findPayoutIntent("prov-1", YearMonth.of(2026, 11)).orElseThrow().status())
                .isEqualTo(PayoutIntent.Status.PAID);
    }

    private void enablePayouts(String providerId, String accountId) {
        billing.repository.commit(BillingCommit.withoutEvent().payoutAccount(
                new PayoutAccount(providerId, accountId, true, true, Instant.parse("2026-10-01T00:00:00Z"))));
    }

    private void pay(String providerId, long cents, Instant at) {
        invoices++;
        SubscriptionMetadata metadata = new SubscriptionMetadata("sub-" + invoices, "user-" + invoices, "strat-1",
                providerId, 20);
        BillingOutcome outcome = billing.handler(gateway).handle(new BillingEvent.InvoicePaid("evt_pay_" + invoices,
                at, "in_pay_" + invoices, metadata, "sub_stripe_" + invoices, "cus_" + invoices, cents, "usd",
                at.plusSeconds(30L * 86_400)));
        assertThat(outcome).isEqualTo(BillingOutcome.APPLIED);
    }

    private static String resource(String name) {
        try (InputStream in = PayoutJobTest.class.getResourceAsStream("/stripe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's process dying right after Stripe made the transfer, before billing recorded it. */
    private static final class CrashAfterTransfer implements PaymentsGateway {
        private final PaymentsGateway delegate;

        CrashAfterTransfer(PaymentsGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transfer createTransfer(String accountId, long amountCents, String currency, String transferGroup) {
            delegate.createTransfer(accountId, amountCents, currency, transferGroup);
            throw new IllegalStateException("simulated crash after the transfer");
        }

        @Override
        public Optional<Transfer> findTransfer(String transferGroup) {
            return delegate.findTransfer(transferGroup);
        }

        @Override
        public String createProduct(String strategyId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String createMonthlyPrice(String strategyId, String productId, long amountCents, String currency,
                                         int revision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void archivePrice(String priceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CheckoutSession createCheckoutSession(CheckoutRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancelAtPeriodEnd) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCollectionPaused(String stripeSubscriptionId, boolean paused) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String createExpressAccount(String providerId, String email) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String createAccountLink(String accountId, String refreshUrl, String returnUrl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> invoiceOfPaymentIntent(String paymentIntentId) {
            throw new UnsupportedOperationException();
        }
    }
}
