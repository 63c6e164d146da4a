package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on the local platform in local payments mode (no Stripe key): a subscriber pays for a $99.99 strategy on
 * the platform's checkout page, which delivers signed Stripe-format events to the platform's own
 * {@code /webhooks/stripe}; the subscription turns ACTIVE, the subscriber receives the strategy's live signal over
 * the WebSocket, and the provider's earnings show $79.99 (the platform keeps $20.00).
 */
class PaidSubscriptionE2ETest {
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void checkoutThenPaidThenTheSubscriberReceivesSignalsAndTheProviderEarns7999() throws Exception {
        Accounts.User provider = accounts.register("paid-provider", "PROVIDER");
        Accounts.User subscriber = accounts.register("paid-subscriber", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Paid trend", "99.99"),
                "Authorization", provider.bearer()).json().get("id").asText();

        Http.Response checkout = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", subscriber.bearer());
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        String subscriptionId = checkout.json().at("/subscription/id").asText();
        assertThat(checkout.json().at("/subscription/status").asText()).isEqualTo("PENDING");
        URI checkoutUrl = URI.create(checkout.json().get("checkoutUrl").asText());
        assertThat(checkoutUrl.getPath()).startsWith("/_local/checkout/");
        // asking again while pending returns the same subscription and checkout
        Http.Response again = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", subscriber.bearer());
        assertThat(again.json().at("/subscription/id").asText()).isEqualTo(subscriptionId);
        assertThat(again.json().get("checkoutUrl").asText()).isEqualTo(checkoutUrl.toString());

        Http.Response page = http.get(checkoutUrl.getPath());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("99.99 USD").contains("<form method=\"post\">");

        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + subscriber.accessToken()))) {
            String subscribe = Http.json(Map.of("action", "subscribe_signals", "strategyId", strategyId));
            assertThat(socket.send(subscribe).at("/data/code").asText()).as("not paid yet").isEqualTo("FORBIDDEN");

            Http.Response paid = http.send("POST", checkoutUrl.getPath(), null, "Accept", "application/json");
            assertThat(paid.status()).as(paid.body()).isEqualTo(200);
            assertThat(paid.json().get("webhookStatuses").toString()).isEqualTo("[200,200]");
            assertThat(http.send("POST", checkoutUrl.getPath(), null, "Accept", "application/json").status())
                    .as("a checkout is paid once").isEqualTo(409);

            JsonNode mine = http.get("/api/subscriptions", "Authorization", subscriber.bearer()).json().get("items").get(0);
            assertThat(mine.get("id").asText()).isEqualTo(subscriptionId);
            assertThat(mine.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(Instant.parse(mine.get("endDate").asText())).isAfter(Instant.now().plus(Duration.ofDays(27)));

            assertThat(socket.send(subscribe).get("event").asText()).isEqualTo("subscribed");
            String passphrase = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization",
                    provider.bearer()).json().get("passphrase").asText();
            Http.Response fired = http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of(
                    "passphrase", passphrase, "action", "buy", "ticker", "BTCUSDT", "price", 64000,
                    "stopLoss", 63000, "takeProfit", 66000, "time", Instant.now().toString())));
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            JsonNode received = socket.next(Duration.ofSeconds(20));
            assertThat(received.get("event").asText()).isEqualTo("signal_new");
            assertThat(received.at("/data/signal/id").asText()).isEqualTo(fired.json().get("signalId").asText());
        }

        JsonNode earnings = http.get("/api/providers/me/earnings", "Authorization", provider.bearer()).json();
        assertThat(earnings.get("balanceCents").asLong()).isEqualTo(7999);
        assertThat(earnings.get("pendingCents").asLong()).as("this month's earnings").isEqualTo(7999);
        assertThat(earnings.get("availableCents").asLong()).isZero();
        assertThat(earnings.at("/byMonth/0/earnedCents").asLong()).isEqualTo(7999);

        Accounts.User admin = accounts.admin("paid-admin");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode report = http.get("/api/admin/revenue?from=" + month + "&to=" + month, "Authorization",
                admin.bearer()).json();
        assertThat(report.at("/total/grossCents").asLong()).isGreaterThanOrEqualTo(9999);
        assertThat(report.at("/total/platformFeeCents").asLong()).isGreaterThanOrEqualTo(2000);

        // cancelling ends renewal at the period's end (cancel_at_period_end); signals continue until then
        JsonNode cancelled = http.send("PUT", "/api/subscriptions/" + subscriptionId + "/cancel", null,
                "Authorization", subscriber.bearer()).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(cancelled.get("autoRenew").asBoolean()).isFalse();
        // the schedules fire on demand locally
        assertThat(http.post("/_local/schedules/subscription-renewals", null).status()).isEqualTo(202);
        assertThat(http.post("/_local/schedules/provider-payouts", null).status()).isEqualTo(202);
    }

    @Test
    void providerOnboardsOnTheLocalConnectPageAndABadSignatureIsRefused() {
        Accounts.User provider = accounts.register("connect-provider", "PROVIDER");
        Http.Response onboarding = http.post("/api/providers/me/payouts/onboarding", null, "Authorization",
                provider.bearer());
        assertThat(onboarding.status()).as(onboarding.body()).isEqualTo(200);
        assertThat(onboarding.json().get("payoutsEnabled").asBoolean()).isFalse();
        URI link = URI.create(onboarding.json().get("onboardingUrl").asText());
        assertThat(link.getPath()).startsWith("/_local/connect/");
        Http.Response done = http.send("POST", link.getPath(), null, "Accept", "application/json");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("webhookStatus").asInt()).isEqualTo(200);
        assertThat(http.post("/api/providers/me/payouts/onboarding", null, "Authorization", provider.bearer())
                .json().get("payoutsEnabled").asBoolean()).isTrue();

        Http.Response forged = http.send("POST", "/webhooks/stripe", "{\"id\":\"evt_1\",\"object\":\"event\"}",
                "Content-Type", "application/json", "Stripe-Signature", "t=" + Instant.now().getEpochSecond()
                        + ",v1=" + "0".repeat(64));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.errorCode()).isEqualTo("INVALID_SIGNATURE");
    }
}
