package com.tradebot.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.billing.PaymentsGateway;
import com.tradebot.billing.StrategyPricing;
import com.tradebot.billing.SubscriptionMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Stripe adapter through the real stripe-java client against WireMock stubs of the endpoints it uses. */
class StripePaymentsGatewayTest {
    private WireMockServer stripe;
    private StripePaymentsGateway gateway;

    @BeforeEach
    void start() {
        stripe = StripeStubs.start();
        gateway = StripeStubs.gateway(stripe);
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void createsAProductAndAMonthlyPriceIdempotently() {
        stripe.stubFor(post("/v1/products").willReturn(okJson(StripeStubs.body("product.json"))));
        stripe.stubFor(post("/v1/prices").willReturn(okJson(StripeStubs.body("price.json"))));

        assertThat(gateway.createProduct("strat-1", "Momentum BTC")).isEqualTo("prod_RstrategyA1");
        assertThat(gateway.createMonthlyPrice("strat-1", "prod_RstrategyA1", 99_99, "usd", 2))
                .isEqualTo("price_1Rmonthly9999");

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/products"))
                .withHeader("Authorization", equalTo("Bearer " + StripeStubs.SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("product-strat-1"))
                .withFormParam("name", equalTo("Momentum BTC"))
                .withFormParam("metadata[strategyId]", equalTo("strat-1")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/prices"))
                .withHeader("Idempotency-Key", equalTo("price-strat-1-2"))
                .withFormParam("product", equalTo("prod_RstrategyA1"))
                .withFormParam("unit_amount", equalTo("9999"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("recurring[interval]", equalTo("month")));
    }

    @Test
    void repricingCreatesANewPriceAndArchivesTheOld() {
        stripe.stubFor(post("/v1/products").willReturn(okJson(StripeStubs.body("product.json"))));
        stripe.stubFor(post("/v1/prices").willReturn(okJson(StripeStubs.body("price.json"))));
        stripe.stubFor(post("/v1/prices/price_old").willReturn(okJson(StripeStubs.body("price.json")
                .replace("price_1Rmonthly9999", "price_old").replace("\"active\": true", "\"active\": false"))));
        StrategyPricing pricing = new StrategyPricing(gateway);

        StrategyPricing.Pricing current = new StrategyPricing.Pricing("prod_RstrategyA1", "price_old", 49_99, "usd", 1);
        StrategyPricing.Pricing repriced = pricing.price("strat-1", "Momentum BTC", current, 99_99, "usd");

        assertThat(repriced).isEqualTo(new StrategyPricing.Pricing("prod_RstrategyA1", "price_1Rmonthly9999", 99_99,
                "usd", 2));
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/products")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/prices")).withFormParam("unit_amount", equalTo("9999")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/prices/price_old"))
                .withFormParam("active", equalTo("false")));
        // the same price again changes nothing at Stripe
        assertThat(pricing.price("strat-1", "Momentum BTC", repriced, 99_99, "usd")).isSameAs(repriced);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/prices")));
    }

    @Test
    void checkoutSessionInSubscriptionModeCarriesOurIds() {
        stripe.stubFor(post("/v1/checkout/sessions").willReturn(okJson(StripeStubs.body("checkout_session.json"))));
        SubscriptionMetadata metadata = new SubscriptionMetadata("sub-1", "user-1", "strat-1", "prov-1", 20);

        PaymentsGateway.CheckoutSession session = gateway.createCheckoutSession(new PaymentsGateway.CheckoutRequest(
                metadata, "price_1Rmonthly9999", "sub@example.com", "https://tradebot.example/subscriptions/sub-1",
                "https://tradebot.example/strategies/strat-1"));

        assertThat(session).isEqualTo(new PaymentsGateway.CheckoutSession("cs_test_a1subscription",
                "https://checkout.stripe.com/c/pay/cs_test_a1subscription"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo("checkout-sub-1-price_1Rmonthly9999"))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("line_items[0][price]", equalTo("price_1Rmonthly9999"))
                .withFormParam("line_items[0][quantity]", equalTo("1"))
                .withFormParam("client_reference_id", equalTo("sub-1"))
                .withFormParam("metadata[subscriptionId]", equalTo("sub-1"))
                .withFormParam("metadata[userId]", equalTo("user-1"))
                .withFormParam("metadata[strategyId]", equalTo("strat-1"))
                .withFormParam("subscription_data[metadata][subscriptionId]", equalTo("sub-1"))
                .withFormParam("subscription_data[metadata][providerId]", equalTo("prov-1"))
                .withFormParam("subscription_data[metadata][revenueSharePercent]", equalTo("20"))
                .withFormParam("customer_email", equalTo("sub@example.com"))
                .withFormParam("success_url", equalTo("https://tradebot.example/subscriptions/sub-1")));
    }

    @Test
    void cancelAtPeriodEndAndPauseCollection() {
        stripe.stubFor(post("/v1/subscriptions/sub_1RstripeSub").willReturn(okJson(StripeStubs.body("subscription.json"))));

        gateway.setCancelAtPeriodEnd("sub_1RstripeSub", true);
        gateway.setCollectionPaused("sub_1RstripeSub", true);
        gateway.setCollectionPaused("sub_1RstripeSub", false);

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1RstripeSub"))
                .withFormParam("cancel_at_period_end", equalTo("true")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1RstripeSub"))
                .withFormParam("pause_collection[behavior]", equalTo("void")));
        // resuming unsets pause_collection: Stripe's empty-string convention
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1RstripeSub"))
                .withFormParam("pause_collection", equalTo("")));
    }

    @Test
    void connectExpressAccountAndOnboardingLink() {
        stripe.stubFor(post("/v1/accounts").willReturn(okJson(StripeStubs.body("account.json"))));
        stripe.stubFor(post("/v1/account_links").willReturn(okJson(StripeStubs.body("account_link.json"))));

        String accountId = gateway.createExpressAccount("prov-1", "provider@example.com");
        String url = gateway.createAccountLink(accountId, "https://tradebot.example/connect/refresh",
                "https://tradebot.example/connect/done");

        assertThat(accountId).isEqualTo("acct_1Rprovider1");
        assertThat(url).isEqualTo("https://connect.stripe.com/setup/e/acct_1Rprovider1/onboard123");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/accounts"))
                .withHeader("Idempotency-Key", equalTo("account-prov-1"))
                .withFormParam("type", equalTo("express"))
                .withFormParam("capabilities[transfers][requested]", equalTo("true"))
                .withFormParam("metadata[providerId]", equalTo("prov-1"))
                .withFormParam("email", equalTo("provider@example.com")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/account_links"))
                .withFormParam("account", equalTo("acct_1Rprovider1"))
                .withFormParam("type", equalTo("account_onboarding"))
                .withFormParam("return_url", equalTo("https://tradebot.example/connect/done"))
                .withFormParam("refresh_url", equalTo("https://tradebot.example/connect/refresh")));
    }

    @Test
    void transferWithTheGroupAsIdempotencyKeyAndLookupByGroup() {
        stripe.stubFor(post("/v1/transfers").willReturn(okJson(StripeStubs.body("transfer.json"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group",
                equalTo("payout-prov-1-2026-11")).willReturn(okJson(StripeStubs.body("transfer_list.json"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group",
                equalTo("payout-prov-1-2026-12")).willReturn(okJson(StripeStubs.body("transfer_list_empty.json"))));

        PaymentsGateway.Transfer transfer = gateway.createTransfer("acct_1Rprovider1", 79_99, "usd",
                "payout-prov-1-2026-11");

        assertThat(transfer).isEqualTo(new PaymentsGateway.Transfer("tr_1Rpayout1", 79_99, "acct_1Rprovider1",
                "payout-prov-1-2026-11"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withHeader("Idempotency-Key", equalTo("payout-prov-1-2026-11"))
                .withFormParam("amount", equalTo("7999"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("destination", equalTo("acct_1Rprovider1"))
                .withFormParam("transfer_group", equalTo("payout-prov-1-2026-11")));
        assertThat(gateway.findTransfer("payout-prov-1-2026-11")).contains(transfer);
        assertThat(gateway.findTransfer("payout-prov-1-2026-12")).isEmpty();
    }

    @Test
    void tracesAPaymentIntentToItsInvoice() {
        stripe.stubFor(get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("payment[type]", equalTo("payment_intent"))
                .withQueryParam("payment[payment_intent]", equalTo("pi_1Rfirst"))
                .willReturn(okJson(StripeStubs.body("invoice_payment_list.json"))));

        assertThat(gateway.invoiceOfPaymentIntent("pi_1Rfirst")).contains("in_1Rfirst");
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/invoice_payments")));
    }

    @Test
    void stripeErrorsBecomeGatewayExceptionsWithoutTheKey() {
        stripe.stubFor(post("/v1/transfers").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_failing1")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"balance_insufficient\","
                        + "\"message\":\"You have insufficient available funds in your Stripe account.\"}}")));

        assertThatThrownBy(() -> gateway.createTransfer("acct_1Rprovider1", 79_99, "usd", "payout-prov-1-2026-11"))
                .isInstanceOfSatisfying(PaymentsGatewayException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.stripeCode()).isEqualTo("balance_insufficient");
                    assertThat(e.getMessage()).contains("req_failing1").doesNotContain(StripeStubs.SECRET_KEY);
                });
    }
}
