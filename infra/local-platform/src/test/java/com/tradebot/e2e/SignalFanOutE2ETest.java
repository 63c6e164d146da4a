package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.storage.Attr;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Webhook → SNS → dispatch → deliveries → WebSocket, on the local platform: subscribers and the owner get
 * {@code signal_new} with a stable event id, others are refused at subscribe time and get nothing, an ended
 * subscription stops receiving, and a connection that answers 410 Gone is removed.
 */
class SignalFanOutE2ETest {
    private static final Duration QUIET = Duration.ofSeconds(2);
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

    private static WebSocketTestClient connect(Accounts.User user) {
        return WebSocketTestClient.connect(URI.create(platform.webSocketEndpoint() + "?token=" + user.accessToken()));
    }

    @Test
    void subscribersAndTheOwnerReceiveTheSignalAndNobodyElse() throws Exception {
        Accounts.User provider = accounts.register("fan-provider", "PROVIDER");
        Accounts.User subscriber = accounts.register("fan-subscriber", null);
        Accounts.User stranger = accounts.register("fan-stranger", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Fan-out", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        String subscriptionId = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", subscriber.bearer()).json().get("id").asText();
        String passphrase = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", provider.bearer())
                .json().get("passphrase").asText();

        try (WebSocketTestClient subscriberSocket = connect(subscriber);
             WebSocketTestClient ownerSocket = connect(provider);
             WebSocketTestClient strangerSocket = connect(stranger)) {
            String subscribe = Http.json(Map.of("action", "subscribe_signals", "strategyId", strategyId));
            assertThat(subscriberSocket.send(subscribe).get("event").asText()).isEqualTo("subscribed");
            assertThat(ownerSocket.send(subscribe).get("event").asText()).isEqualTo("subscribed");
            JsonNode refused = strangerSocket.send(subscribe);
            assertThat(refused.get("event").asText()).isEqualTo("error");
            assertThat(refused.at("/data/code").asText()).isEqualTo("FORBIDDEN");

            Http.Response fired = http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of(
                    "passphrase", passphrase, "action", "buy", "ticker", "BTCUSDT", "price", 64000,
                    "stopLoss", 63000, "takeProfit", 66000, "time", Instant.now().toString())));
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            String signalId = fired.json().get("signalId").asText();

            JsonNode received = subscriberSocket.next(Duration.ofSeconds(20));
            assertThat(received.get("event").asText()).isEqualTo("signal_new");
            JsonNode notification = subscriberSocket.next(Duration.ofSeconds(20));
            assertThat(notification.get("event").asText()).isEqualTo("notification");
            assertThat(notification.at("/data/id").asText()).isEqualTo(strategyId + ":1");
            assertThat(http.get("/api/notifications", "Authorization", subscriber.bearer()).json()
                    .get("items").findValuesAsText("id")).containsExactly(strategyId + ":1");
            assertThat(received.at("/data/eventId").asText()).isEqualTo(strategyId + ":1");
            assertThat(received.at("/data/signal/id").asText()).isEqualTo(signalId);
            assertThat(received.at("/data/signal/entryPrice").decimalValue()).isEqualByComparingTo("64000");
            assertThat(received.at("/data/hash").asText()).hasSize(64);
            assertThat(ownerSocket.next(Duration.ofSeconds(20)).at("/data/eventId").asText()).isEqualTo(strategyId + ":1");
            assertThat(strangerSocket.poll(QUIET)).as("a non-subscriber receives nothing").isNull();

            // closing the signal reaches subscribers as signal_closed
            http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of("passphrase", passphrase,
                    "action", "close", "ticker", "BTCUSDT", "price", 65000)));
            JsonNode closed = subscriberSocket.next(Duration.ofSeconds(20));
            assertThat(closed.get("event").asText()).isEqualTo("signal_closed");
            assertThat(closed.at("/data/signal/status").asText()).isEqualTo("CLOSED");
            assertThat(subscriberSocket.next(Duration.ofSeconds(20)).get("event").asText()).isEqualTo("notification");
            ownerSocket.next(Duration.ofSeconds(20));

            // once the subscription ends, the still-open connection gets nothing more
            http.send("PUT", "/api/subscriptions/" + subscriptionId + "/cancel", null, "Authorization", subscriber.bearer());
            http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of("passphrase", passphrase,
                    "action", "sell", "ticker", "BTCUSDT", "price", 64000, "stopLoss", 65000, "takeProfit", 62000)));
            assertThat(ownerSocket.next(Duration.ofSeconds(20)).at("/data/eventId").asText()).isEqualTo(strategyId + ":3");
            assertThat(subscriberSocket.poll(QUIET)).as("an ended subscription receives nothing").isNull();
        }
    }

    @Test
    void aConnectionThatIsGoneIsRemovedAtTheNextPush() throws Exception {
        Accounts.User provider = accounts.register("gone-provider", "PROVIDER");
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Gone", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        String table = platform.model().template().tableName("MainTable");
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(platform.dynamoDbEndpoint())
                .region(Region.US_EAST_1).httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            // a connection API Gateway no longer knows (its $disconnect was lost) still subscribed in the table
            dynamoDb.putItem(b -> b.tableName(table).item(Map.of("PK", Attr.s("CONN#ghost-1"), "SK", Attr.s("META"),
                    "Type", Attr.s("Connection"), "userId", Attr.s(provider.id()), "connectedAt", Attr.s(Instant.now().toString()))));
            dynamoDb.putItem(b -> b.tableName(table).item(Map.of("PK", Attr.s("CONN#ghost-1"),
                    "SK", Attr.s("SUB#signals#" + strategyId), "Type", Attr.s("ConnectionSubscription"),
                    "GSI1PK", Attr.s("CHANNEL#signals#" + strategyId), "GSI1SK", Attr.s("CONN#ghost-1"),
                    "userId", Attr.s(provider.id()))));
            try (WebSocketTestClient ownerSocket = connect(provider)) {
                ownerSocket.send(Http.json(Map.of("action", "subscribe_signals", "strategyId", strategyId)));
                http.post("/api/signals", Marketplace.buyBody(strategyId, "100", "95", "110"), "Authorization",
                        provider.bearer());
                assertThat(ownerSocket.next(Duration.ofSeconds(20)).get("event").asText()).isEqualTo("signal_new");
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(dynamoDb.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", Attr.s("CONN#ghost-1")))).items()).isEmpty());
        }
    }
}
