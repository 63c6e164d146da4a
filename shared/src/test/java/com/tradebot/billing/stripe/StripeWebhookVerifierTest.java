package com.tradebot.billing.stripe;

import static com.tradebot.billing.StripeEventFixtures.event;
import static com.tradebot.billing.StripeEventFixtures.object;
import static com.tradebot.billing.StripeEventFixtures.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.billing.BillingEvent;
import com.tradebot.billing.SubscriptionMetadata;
import com.tradebot.common.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StripeWebhookVerifierTest {
    private static final String SECRET = "whsec_test_billing_verifier";
    private static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");
    private static final SubscriptionMetadata METADATA =
            new SubscriptionMetadata("sub-1", "user-1", "strat-1", "prov-1", 20);

    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private BillingEvent verified(String payload) {
        return verifier.verify(payload, signature(payload, SECRET, NOW));
    }

    @Test
    void validSignatureYieldsTheEvent() {
        String payload = event("invoice.paid", e -> { });

        assertThat(verified(payload)).isEqualTo(new BillingEvent.InvoicePaid("evt_1Rinvoicepaid",
                Instant.ofEpochSecond(1764806400), "in_1Rfirst", METADATA, "sub_1RstripeSub", "cus_Rcustomer1",
                99_99, "usd", Instant.ofEpochSecond(1767484800)));
    }

    @Test
    void tamperedBodyIsRejected() {
        String payload = event("invoice.paid", e -> { });
        String header = signature(payload, SECRET, NOW);
        String tampered = payload.replace("\"amount_paid\":9999", "\"amount_paid\":1");
        assertThat(tampered).isNotEqualTo(payload);

        assertThatThrownBy(() -> verifier.verify(tampered, header))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INVALID_SIGNATURE");
                });
    }

    @Test
    void signaturesOlderThanFiveMinutesAreRejected() {
        String payload = event("invoice.paid", e -> { });

        assertThat(verifier.verify(payload, signature(payload, SECRET, NOW.minusSeconds(299)))).isNotNull();
        assertThatThrownBy(() -> verifier.verify(payload, signature(payload, SECRET, NOW.minusSeconds(301))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).containsIgnoringCase("tolerance");
                });
    }

    @Test
    void wrongSecretMissingHeaderAndGarbageAreRejected() {
        String payload = event("invoice.paid", e -> { });

        assertThatThrownBy(() -> verifier.verify(payload, signature(payload, "whsec_other", NOW)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SIGNATURE"));
        assertThatThrownBy(() -> verifier.verify(payload, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> verifier.verify(payload, "t=abc,v1=zz"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        String notJson = "this is not an event";
        assertThatThrownBy(() -> verifier.verify(notJson, signature(notJson, SECRET, NOW)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_EVENT"));
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        // during a secret roll Stripe signs with the old and the new secret
        String payload = event("invoice.paid", e -> { });
        String old = signature(payload, "whsec_old", NOW);
        String current = signature(payload, SECRET, NOW);
        String header = old + "," + current.substring(current.indexOf("v1="));

        assertThat(verifier.verify(payload, header)).isInstanceOf(BillingEvent.InvoicePaid.class);
    }

    @Test
    void readsEveryHandledEventType() {
        assertThat(verified(event("checkout.session.completed", e -> { }))).isEqualTo(
                new BillingEvent.CheckoutCompleted("evt_1Rcheckout", Instant.ofEpochSecond(1764806400),
                        "cs_test_a1subscription", "sub-1", "sub_1RstripeSub", "cus_Rcustomer1", true));
        assertThat(verified(event("invoice.payment_failed", e -> { }))).isEqualTo(
                new BillingEvent.InvoicePaymentFailed("evt_1Rinvoicefailed", Instant.ofEpochSecond(1764806400),
                        "in_1Rfirst", METADATA, "sub_1RstripeSub", Instant.ofEpochSecond(1767484800)));
        assertThat(verified(event("customer.subscription.updated", e -> { }))).isEqualTo(
                new BillingEvent.SubscriptionUpdated("evt_1Rsubupdated", Instant.ofEpochSecond(1764900000),
                        "sub_1RstripeSub", "sub-1", "active", true, false));
        assertThat(verified(event("customer.subscription.deleted", e -> { }))).isEqualTo(
                new BillingEvent.SubscriptionDeleted("evt_1Rsubdeleted", Instant.ofEpochSecond(1764990000),
                        "sub_1RstripeSub", "sub-1"));
        assertThat(verified(event("charge.refunded", e -> { }))).isEqualTo(
                new BillingEvent.ChargeRefunded("evt_1Rrefunded", Instant.ofEpochSecond(1765000000), "ch_1Rcharge",
                        "pi_1Rfirst", 99_99, "usd"));
        assertThat(verified(event("account.updated", e -> { }))).isEqualTo(
                new BillingEvent.AccountUpdated("evt_1Raccount", Instant.ofEpochSecond(1764820000),
                        "acct_1Rprovider1", "prov-1", true, true));
        assertThat(verified(event("customer.created", e -> { }))).isInstanceOf(BillingEvent.Ignored.class);
    }

    @Test
    void invoicesWithoutOurMetadataAreIgnoredAndWrongObjectsRejected() {
        String foreign = event("invoice.paid", e -> object(e).with("parent").with("subscription_details")
                .putObject("metadata"));
        assertThat(verified(foreign)).isInstanceOf(BillingEvent.Ignored.class);

        // a charge where an invoice.paid event must carry an invoice
        String wrongObject = event("invoice.paid", e -> e.with("data").putObject("object")
                .put("id", "ch_1").put("object", "charge"));
        assertThatThrownBy(() -> verified(wrongObject))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_EVENT"));
    }
}
