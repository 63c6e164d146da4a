package com.tradebot.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.tradebot.billing.stripe.StripePaymentsGateway;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random payments and refunds for a few subscriptions, delivered shuffled and with duplicates (and refunds that
 * arrive before their payment retried, as Stripe would): whatever the order, each payment's entries sum to zero, the
 * ledger holds each payment and the largest refund exactly once, and the provider's monthly summaries agree with the
 * provider's ledger entries.
 */
class LedgerPropertyTest {
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static WireMockServer stripe;
    private static BillingFixture billing;
    private static PaymentsGateway gateway;

    private static synchronized void setUp() {
        if (stripe == null) {
            stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            stripe.start();
            gateway = StripePaymentsGateway.create("sk_test_property", "http://127.0.0.1:" + stripe.port());
            billing = new BillingFixture();
        }
    }

    @AfterContainer
    static void tearDown() {
        if (stripe != null) {
            stripe.stop();
        }
    }

    record InvoicePlan(long amountCents, List<Long> cumulativeRefunds) {
    }

    record SubscriptionPlan(int revenueSharePercent, List<InvoicePlan> invoices) {
    }

    @Provide
    Arbitrary<List<SubscriptionPlan>> plans() {
        Arbitrary<InvoicePlan> invoice = Arbitraries.longs().between(1, 2_000_00).flatMap(amount ->
                Arbitraries.longs().between(1, amount).list().ofMaxSize(3)
                        .map(refunds -> new InvoicePlan(amount, refunds.stream().distinct().sorted().toList())));
        Arbitrary<SubscriptionPlan> subscription = Combinators.combine(Arbitraries.integers().between(0, 100),
                invoice.list().ofMinSize(1).ofMaxSize(3)).as(SubscriptionPlan::new);
        return subscription.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 30)
    void anyOrderAnyDuplicatesSameLedger(@ForAll("plans") List<SubscriptionPlan> plans, @ForAll Random random) {
        setUp();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String providerId = "prov-" + run;
        BillingEventHandler handler = billing.handler(gateway);
        List<BillingEvent> events = new ArrayList<>();
        for (int s = 0; s < plans.size(); s++) {
            SubscriptionPlan plan = plans.get(s);
            String subscriptionId = "sub-" + run + "-" + s;
            billing.subscriptions.createPending(subscriptionId, "user-" + s, "strat-" + run);
            SubscriptionMetadata metadata = new SubscriptionMetadata(subscriptionId, "user-" + s, "strat-" + run,
                    providerId, plan.revenueSharePercent());
            events.add(new BillingEvent.CheckoutCompleted("evt_" + subscriptionId + "_checkout", START,
                    "cs_" + subscriptionId, subscriptionId, "stripe_" + subscriptionId, "cus_" + s, true));
            for (int i = 0; i < plan.invoices().size(); i++) {
                InvoicePlan invoice = plan.invoices().get(i);
                String invoiceId = "in_" + subscriptionId + "_" + i;
                Instant paidAt = month(i);
                stubInvoiceOf("pi_" + invoiceId, invoiceId);
                events.add(new BillingEvent.InvoicePaid("evt_" + invoiceId + "_paid", paidAt, invoiceId, metadata,
                        "stripe_" + subscriptionId, "cus_" + s, invoice.amountCents(), "usd", month(i + 1)));
                for (long refunded : invoice.cumulativeRefunds()) {
                    events.add(new BillingEvent.ChargeRefunded("evt_" + invoiceId + "_refund_" + refunded,
                            paidAt.plusSeconds(3_600 + refunded), "ch_" + invoiceId, "pi_" + invoiceId, refunded,
                            "usd"));
                }
            }
        }
        List<BillingEvent> deliveries = new ArrayList<>(events);
        int duplicates = random.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            deliveries.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(deliveries, random);

        deliverLikeStripe(handler, deliveries);

        long providerNet = 0;
        for (int s = 0; s < plans.size(); s++) {
            SubscriptionPlan plan = plans.get(s);
            String subscriptionId = "sub-" + run + "-" + s;
            for (int i = 0; i < plan.invoices().size(); i++) {
                InvoicePlan invoice = plan.invoices().get(i);
                String invoiceId = "in_" + subscriptionId + "_" + i;
                long refunded = invoice.cumulativeRefunds().stream().mapToLong(Long::longValue).max().orElse(0);
                RevenueSplit paid = RevenueSplit.of(invoice.amountCents(), plan.revenueSharePercent());
                RevenueSplit reversed = RevenueSplit.of(refunded, plan.revenueSharePercent());
                List<LedgerEntry> entries = billing.repository.entriesOf(Ledger.paymentGroup(invoiceId));

                assertThat(billing.sum(entries)).as("entries of %s sum to zero", invoiceId).isZero();
                assertThat(billing.amountOf(entries, LedgerKind.PAYMENT)).isEqualTo(-invoice.amountCents());
                assertThat(billing.amountOf(entries, LedgerKind.PLATFORM_FEE)).isEqualTo(paid.platformCents());
                assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING)).isEqualTo(paid.providerCents());
                assertThat(billing.amountOf(entries, LedgerKind.REFUND)).isEqualTo(refunded);
                assertThat(billing.amountOf(entries, LedgerKind.PLATFORM_FEE_REVERSAL))
                        .isEqualTo(-reversed.platformCents());
                assertThat(billing.amountOf(entries, LedgerKind.PROVIDER_EARNING_REVERSAL))
                        .isEqualTo(-reversed.providerCents());
                assertThat(entries.stream().filter(e -> e.kind() == LedgerKind.PAYMENT)).hasSize(1);
                assertThat(billing.repository.findPayment(invoiceId).orElseThrow().refundedCents()).isEqualTo(refunded);
                providerNet += paid.providerCents() - reversed.providerCents();
            }
            BilledSubscription subscription = billing.subscriptions.get(subscriptionId);
            assertThat(subscription.status()).isEqualTo(BillingStatus.ACTIVE);
            assertThat(subscription.endDate()).isEqualTo(month(plan.invoices().size()));
        }
        long summarised = billing.repository.providerMonths(providerId).stream()
                .mapToLong(BillingRepository.ProviderMonth::netEarnedCents).sum();
        long fromEntries = billing.repository.providerEntries(providerId).stream()
                .mapToLong(LedgerEntry::amountCents).sum();
        assertThat(summarised).isEqualTo(providerNet);
        assertThat(fromEntries).isEqualTo(providerNet);
    }

    /** Delivers in order; an event that must wait is delivered again after the others, as Stripe's retries do. */
    private static void deliverLikeStripe(BillingEventHandler handler, List<BillingEvent> deliveries) {
        List<BillingEvent> pending = deliveries;
        for (int round = 0; !pending.isEmpty(); round++) {
            assertThat(round).as("retries converge").isLessThan(5);
            List<BillingEvent> retry = new ArrayList<>();
            for (BillingEvent event : pending) {
                if (handler.handle(event) == BillingOutcome.RETRY_LATER) {
                    retry.add(event);
                }
            }
            pending = retry;
        }
    }

    private static void stubInvoiceOf(String paymentIntentId, String invoiceId) {
        stripe.stubFor(get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("payment[payment_intent]", equalTo(paymentIntentId))
                .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"url\":\"/v1/invoice_payments\","
                        + "\"data\":[{\"id\":\"inpay_" + invoiceId + "\",\"object\":\"invoice_payment\","
                        + "\"amount_paid\":1,\"amount_requested\":1,\"currency\":\"usd\",\"invoice\":\""
                        + invoiceId + "\",\"is_default\":true,\"livemode\":false,\"payment\":{\"type\":"
                        + "\"payment_intent\",\"payment_intent\":\"" + paymentIntentId + "\"},\"status\":\"paid\"}]}")));
    }

    private static Instant month(int i) {
        return START.atZone(ZoneOffset.UTC).plusMonths(i).toInstant();
    }
}
