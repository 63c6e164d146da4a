package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signal outbox on the local platform: with SNS down the TradingView webhook still stores and acknowledges the
 * alert, nothing reaches subscribers, and once SNS is back the sweeper schedule publishes the stored event so that
 * {@code signal_new} arrives once; more sweeps publish nothing more.
 */
class SignalOutboxE2ETest {
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000",
                "SignalOutboxGraceSeconds", "1")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.messaging().snsOutage(false);
            platform.close();
        }
    }

    @Test
    void anAlertStoredWhileSnsIsDownReachesSubscribersOnceThroughTheSweeper() throws Exception {
        Accounts.User provider = accounts.register("outbox-provider", "PROVIDER");
        Accounts.User subscriber = accounts.register("outbox-subscriber", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Outbox", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)), "Authorization",
                subscriber.bearer());
        String passphrase = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", provider.bearer())
                .json().get("passphrase").asText();

        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + subscriber.accessToken()))) {
            assertThat(socket.send(Http.json(Map.of("action", "subscribe_signals", "strategyId", strategyId)))
                    .get("event").asText()).isEqualTo("subscribed");

            platform.messaging().snsOutage(true);
            Http.Response fired = http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of(
                    "passphrase", passphrase, "action", "buy", "ticker", "BTCUSDT", "price", 64000,
                    "stopLoss", 63000, "takeProfit", 66000, "time", Instant.now().toString())));
            assertThat(fired.status()).as("stored, so acknowledged: " + fired.body()).isEqualTo(200);
            String signalId = fired.json().get("signalId").asText();
            assertThat(socket.poll(QUIET)).as("not published while SNS is down").isNull();

            // the sweeper runs while SNS is still down: it cannot publish, and keeps the event
            assertThat(http.post("/_local/schedules/signal-outbox-sweeper", null).status()).isEqualTo(202);
            assertThat(socket.poll(QUIET)).isNull();

            platform.messaging().snsOutage(false);
            assertThat(http.post("/_local/schedules/signal-outbox-sweeper", null).status()).isEqualTo(202);
            JsonNode received = socket.next(Duration.ofSeconds(20));
            assertThat(received).as("signal_new after SNS came back").isNotNull();
            assertThat(received.get("event").asText()).isEqualTo("signal_new");
            assertThat(received.at("/data/eventId").asText()).isEqualTo(strategyId + ":1");
            assertThat(received.at("/data/signal/id").asText()).isEqualTo(signalId);
            JsonNode notification = socket.next(Duration.ofSeconds(20));
            assertThat(notification.get("event").asText()).isEqualTo("notification");

            for (int i = 0; i < 3; i++) {
                assertThat(http.post("/_local/schedules/signal-outbox-sweeper", null).status()).isEqualTo(202);
            }
            assertThat(socket.poll(QUIET)).as("published once: further sweeps find nothing").isNull();
            assertThat(http.get("/api/notifications", "Authorization", subscriber.bearer()).json().get("items")
                    .findValuesAsText("id")).containsExactly(strategyId + ":1");
        }
    }
}
