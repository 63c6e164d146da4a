package com.tradebot.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.tradebot.billing.StripeEventFixtures.event;
import static com.tradebot.billing.StripeEventFixtures.object;
import static com.tradebot.billing.StripeEventFixtures.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.tradebot.billing.stripe.StripePaymentsGateway;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.common.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed Stripe events through verification, the handler, the DynamoDB engine and the test subscription store; the
 * refund path traces charges to invoices through the Stripe adapter against a WireMock stub.
 */
class BillingWebhookFlowTest {
    private static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");
    private static final Instant FIRST_PERIOD_END = Instant.ofEpochSecond(1767484800);

    private final BillingFixture billing = new BillingFixture();
    private WireMockServer stripe;
    private StripeWebhooks webhooks;

    @BeforeEach
    void start() throws IOException {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        stripe.start();
        try (InputStream in = getClass().getResourceAsStream("/stripe/invoice_payment_list.json")) {
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            stripe.stubFor(get(urlPathEqualTo("/v1/invoice_payments"))
                    .withQueryParam("payment[payment_intent]", equalTo("pi_1Rfirst")).willReturn(okJson(list)));
        }
        webhooks = billing.webhooks(StripePaymentsGateway.create("sk_test_flow", "http://127.0.0.1:" + stripe.port()),
                NOW);
        billing.subscriptions.createPending("sub-1", "user-1", "strat-1");
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    private BillingOutcome deliver(String payload) {
        return webhooks.receive(payload, signature(payload, BillingFixture.WEBHOOK_SECRET, NOW));
    }

    private static String withId(String type, String id, Consumer<ObjectNode> edit) {
        return event(type, e -> {
            e.put("id", id);
            edit.accept(e);
        });
    }

    @Test
    void paidCheckoutActivatesAndSplitsNinetyNineNinetyNine() {
        assertThat(deliver(event("checkout.session.completed", e -> { }))).isEqualTo(BillingOutcome.APPLIED);
        assertThat(deliver(event("invoice.paid", e -> { }))).isEqualTo(BillingOutcome.APPLIED);

        BilledSubscription subscription = billing.subscriptions.get("sub-1");
        assertThat(subscription.status()).isEqualTo(BillingStatus.ACTIVE);
        assertThat(subscription.endDate()).isEqualTo(FIRST_PERIOD_END);
        assertThat(subscription.stripeSubscriptionId()).isEqualTo("sub_1RstripeSub");
        assertThat(billing.subscriptions.receivesSignals("sub-1", Instant.ofEpochSecond(1764806400).plusSeconds(86_400))).isTrue();
        assertThat(billing.subscriptions.receivesSignals("sub-1", FIRST_PERIOD_END.plusSeconds(1)))
                .as("a period that lapses without payment ends signal delivery").isFalse();

        List<LedgerEntry> entries = billing.repository.entriesOf(Ledger.paymentGroup("in_1Rfirst"));
        assertThat(entries).hasSize(3);
        assertThat(billing.sum(entries)).isZero();
        assertThat(billing.amountOf(entries, LedgerKind.PAYMENT)).isEqualTo(-99_99);
        assertThat(billing.amountOf(entries, LedgerKind.PLATFORM_FEE)).isEqualTo(20_00);
        assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING)).isEqualTo(79_99);

        ProviderEarnings earnings = new ProviderEarningsService(billing.repository, null)
                .earningsAsOf("prov-1", YearMonth.of(2026, 12));
        assertThat(earnings.balanceCents()).isEqualTo(79_99);
        assertThat(earnings.availableCents()).isEqualTo(79_99);
        assertThat(earnings.byMonth()).singleElement().satisfies(m -> {
            assertThat(m.month()).isEqualTo(YearMonth.of(2025, 12));
            assertThat(m.earnedCents()).isEqualTo(79_99);
        });
    }

    @Test
    void theSameEventDeliveredThreeTimesIsAppliedOnce() {
        String paid = event("invoice.paid", e -> { });

        assertThat(List.of(deliver(paid), deliver(paid), deliver(paid)))
                .containsExactly(BillingOutcome.APPLIED, BillingOutcome.DUPLICATE, BillingOutcome.DUPLICATE);
        // the same invoice under another event id (a resend) books nothing either
        assertThat(deliver(withId("invoice.paid", "evt_resent", e -> { }))).isEqualTo(BillingOutcome.APPLIED);

        assertThat(billing.repository.entriesOf(Ledger.paymentGroup("in_1Rfirst"))).hasSize(3);
        assertThat(billing.repository.providerMonths("prov-1")).singleElement()
                .satisfies(m -> assertThat(m.earnedCents()).isEqualTo(79_99));
        assertThat(billing.subscriptions.get("sub-1").version()).isEqualTo(1);
    }

    @Test
    void eventsInAnyOrderEndInTheSameState() {
        Instant secondEnd = Instant.ofEpochSecond(1770163200);
        String renewal = withId("invoice.paid", "evt_renewal", e -> {
            object(e).put("id", "in_1Rsecond");
            ((ObjectNode) object(e).get("lines").get("data").get(0).get("period")).put("start", 1767484800)
                    .put("end", secondEnd.getEpochSecond());
        });

        // renewal first, then the first invoice, then the checkout completion
        assertThat(deliver(renewal)).isEqualTo(BillingOutcome.APPLIED);
        assertThat(deliver(event("invoice.paid", e -> { }))).isEqualTo(BillingOutcome.APPLIED);
        assertThat(deliver(event("checkout.session.completed", e -> { }))).isEqualTo(BillingOutcome.APPLIED);

        BilledSubscription subscription = billing.subscriptions.get("sub-1");
        assertThat(subscription.status()).isEqualTo(BillingStatus.ACTIVE);
        assertThat(subscription.endDate()).as("the later period wins").isEqualTo(secondEnd);
        assertThat(billing.subscriptions.stripeCustomer("sub-1")).isEqualTo("cus_Rcustomer1");
        assertThat(billing.repository.providerMonths("prov-1")).singleElement()
                .satisfies(m -> assertThat(m.earnedCents()).isEqualTo(2 * 79_99));
    }

    @Test
    void aRefundBeforeItsPaymentIsRetriedThenReversesTheSplit() {
        String refund = event("charge.refunded", e -> { });

        assertThatThrownBy(() -> deliver(refund)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        assertThat(billing.repository.eventApplied("evt_1Rrefunded")).isFalse();

        deliver(event("invoice.paid", e -> { }));
        assertThat(deliver(refund)).isEqualTo(BillingOutcome.APPLIED);
        assertThat(deliver(refund)).isEqualTo(BillingOutcome.DUPLICATE);

        List<LedgerEntry> entries = billing.repository.entriesOf(Ledger.paymentGroup("in_1Rfirst"));
        assertThat(entries).hasSize(6);
        assertThat(billing.sum(entries)).isZero();
        assertThat(billing.amountOf(entries, LedgerKind.REFUND)).isEqualTo(99_99);
        assertThat(billing.amountOf(entries, LedgerKind.PLATFORM_FEE_REVERSAL)).isEqualTo(-20_00);
        assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING_REVERSAL)).isEqualTo(-79_99);
        assertThat(billing.repository.findPayment("in_1Rfirst").orElseThrow().refundedCents()).isEqualTo(99_99);
        assertThat(new ProviderEarningsService(billing.repository, null)
                .earningsAsOf("prov-1", YearMonth.of(2026, 12)).balanceCents()).isZero();
    }

    @Test
    void partialRefundsOutOfOrderReverseTheLargestCumulativeAmount() {
        deliver(event("invoice.paid", e -> { }));
        String half = withId("charge.refunded", "evt_refund_half", e -> object(e).put("amount_refunded", 50_00));
        String full = withId("charge.refunded", "evt_refund_full", e -> object(e).put("amount_refunded", 99_99));

        assertThat(deliver(full)).isEqualTo(BillingOutcome.APPLIED);
        assertThat(deliver(half)).isEqualTo(BillingOutcome.APPLIED); // older and smaller: changes nothing

        List<LedgerEntry> entries = billing.repository.entriesOf(Ledger.paymentGroup("in_1Rfirst"));
        assertThat(entries).hasSize(6);
        assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING_REVERSAL)).isEqualTo(-79_99);
    }

    @Test
    void partialRefundsInOrderAddUpToTheFullReversal() {
        deliver(event("invoice.paid", e -> { }));
        deliver(withId("charge.refunded", "evt_refund_a", e -> object(e).put("amount_refunded", 33_33)));
        deliver(withId("charge.refunded", "evt_refund_b", e -> object(e).put("amount_refunded", 66_67)));
        deliver(withId("charge.refunded", "evt_refund_c", e -> object(e).put("amount_refunded", 99_99)));

        List<LedgerEntry> entries = billing.repository.entriesOf(Ledger.paymentGroup("in_1Rfirst"));
        assertThat(entries).hasSize(12);
        assertThat(billing.sum(entries)).isZero();
        assertThat(billing.amountOf(entries, LedgerKind.PLATFORM_FEE_REVERSAL)).isEqualTo(-20_00);
        assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING_REVERSAL)).isEqualTo(-79_99);
    }

    @Test
    void aFailedPaymentMarksPastDueAndNotifiesOnce() {
        deliver(event("invoice.paid", e -> { }));
        String failed = withId("invoice.payment_failed", "evt_failed_second", e -> {
            object(e).put("id", "in_1Rsecond");
            ((ObjectNode) object(e).get("lines").get("data").get(0).get("period")).put("start", 1767484800)
                    .put("end", 1770163200);
        });

        for (int i = 0; i < 3; i++) {
            deliver(failed);
        }

        assertThat(billing.subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.PAST_DUE);
        assertThat(billing.notices.paymentFailures).containsExactly("user-1/sub-1/in_1Rsecond");
    }

    @Test
    void aFailureForAPeriodAlreadyPaidChangesNothing() {
        deliver(event("invoice.paid", e -> { }));
        // the first attempt failed, the retry succeeded, and the failure is delivered last
        assertThat(deliver(event("invoice.payment_failed", e -> { }))).isEqualTo(BillingOutcome.APPLIED);

        assertThat(billing.subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.ACTIVE);
        assertThat(billing.notices.paymentFailures).isEmpty();
    }

    @Test
    void pauseResumeAndCancelAtPeriodEndFollowTheNewestUpdate() {
        deliver(event("invoice.paid", e -> { }));
        String paused = event("customer.subscription.updated", e -> { }); // created 1764900000, paused
        String resumedEarlier = withId("customer.subscription.updated", "evt_resumed_earlier", e -> {
            e.put("created", 1764850000);
            object(e).putNull("pause_collection");
        });
        String resumedLater = withId("customer.subscription.updated", "evt_resumed_later", e -> {
            e.put("created", 1764950000);
            object(e).putNull("pause_collection");
            object(e).put("cancel_at_period_end", true);
        });

        deliver(paused);
        assertThat(billing.subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.PAUSED);
        deliver(resumedEarlier);
        assertThat(billing.subscriptions.get("sub-1").status()).as("an older update arriving late")
                .isEqualTo(BillingStatus.PAUSED);
        deliver(resumedLater);
        BilledSubscription subscription = billing.subscriptions.get("sub-1");
        assertThat(subscription.status()).isEqualTo(BillingStatus.ACTIVE);
        assertThat(subscription.autoRenew()).isFalse();
    }

    @Test
    void deletionCancelsForGoodButLaterMoneyIsStillBooked() {
        deliver(event("checkout.session.completed", e -> { }));
        deliver(event("customer.subscription.deleted", e -> { }));
        assertThat(billing.subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.CANCELLED);

        deliver(event("invoice.paid", e -> { }));
        assertThat(billing.subscriptions.get("sub-1").status()).isEqualTo(BillingStatus.CANCELLED);
        assertThat(billing.repository.findPayment("in_1Rfirst")).isPresent();
    }

    @Test
    void accountUpdatedEnablesPayoutsAndOlderUpdatesAreIgnored() {
        String enabled = event("account.updated", e -> { });
        String olderDisabled = withId("account.updated", "evt_account_older", e -> {
            e.put("created", 1764810000);
            object(e).put("payouts_enabled", false);
        });

        deliver(enabled);
        deliver(olderDisabled);

        PayoutAccount account = billing.repository.findPayoutAccount("prov-1").orElseThrow();
        assertThat(account.accountId()).isEqualTo("acct_1Rprovider1");
        assertThat(account.payoutsEnabled()).isTrue();
        assertThat(billing.repository.payoutAccounts()).extracting(PayoutAccount::providerId).containsExactly("prov-1");
    }

    @Test
    void eventsAboutUnknownSubscriptionsAreIgnored() {
        String other = event("checkout.session.completed", e -> {
            object(e).with("metadata").put("subscriptionId", "sub-unknown");
        });
        assertThat(deliver(other)).isEqualTo(BillingOutcome.IGNORED);
        assertThat(deliver(event("customer.created", e -> { }))).isEqualTo(BillingOutcome.IGNORED);
    }
}
