package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.common.Json;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Notify worker → notify DLQ on the local platform, against a WireMock Telegram Bot API answering as its documentation
 * shows: a 429 with {@code parameters.retry_after}, then 500s, every time. Each message is tried once per receive,
 * waits what Telegram asked for (or backs off), and after the queue's maxReceiveCount (5) lands in the notify DLQ;
 * meanwhile the WebSocket subscriber has had every event at once. The bot token comes from the local secrets
 * directory (on AWS: Secrets Manager) and is only ever in the request path Telegram defines.
 */
class NotifyDeadLetterE2ETest {
    private static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    private static final String SEND_MESSAGE = "/bot" + TOKEN + "/sendMessage";
    private static final int MAX_RECEIVES = 5;
    private static final WireMockServer telegram = new WireMockServer(wireMockConfig().dynamicPort());
    private static Path data;
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        telegram.start();
        data = Files.createTempDirectory("tradebot-notify-dlq");
        Path secrets = Files.createDirectory(data.resolve("secrets"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(secrets.resolve("telegram-bot-token"), TOKEN + "\n");
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withDataDir(data).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000",
                "TelegramApiUrl", telegram.baseUrl(), "NotifyRetryBaseSeconds", "1")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
        sqs = SqsClient.builder().endpointOverride(platform.sqsEndpoint()).region(Region.US_EAST_1)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sqs != null) {
            sqs.close();
        }
        if (platform != null) {
            platform.close();
        }
        telegram.stop();
        if (data != null) {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The dead letters' bodies, read without taking them (visibility 0). */
    private static List<JsonNode> deadLetters() {
        String url = platform.messaging().queueUrl("NotifyDeadLetterQueue");
        List<JsonNode> bodies = new ArrayList<>();
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages()) {
            bodies.add(Json.readTree(message.body()));
        }
        return bodies;
    }

    /** Telegram sendMessage calls so far, each for the subscriber's chat. */
    private static int attempts() {
        int all = telegram.findAll(postRequestedFor(urlEqualTo(SEND_MESSAGE))).size();
        assertThat(telegram.findAll(postRequestedFor(urlEqualTo(SEND_MESSAGE))
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo("987654321"))))).hasSize(all);
        return all;
    }

    @Test
    void telegramThatKeepsRefusingEndsInTheDlqAfterTheRetryLimitWhileWebSocketsGetEverythingAtOnce() throws Exception {
        Accounts.User provider = accounts.register("dlq-provider", "PROVIDER");
        Accounts.User subscriber = accounts.register("dlq-subscriber", null);
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("Dead letters", "0"),
                "Authorization", provider.bearer()).json().get("id").asText();
        http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)), "Authorization",
                subscriber.bearer());
        Http.Response saved = http.send("PUT", "/api/notifications/preferences",
                Http.json(Map.of("inApp", true, "telegramChatId", "987654321")), "Authorization", subscriber.bearer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String passphrase = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", provider.bearer())
                .json().get("passphrase").asText();

        // Telegram's flood control: 429 with the seconds to wait (https://core.telegram.org/bots/api#responseparameters)
        telegram.stubFor(post(urlPathMatching("/bot.*/sendMessage")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}")));

        try (WebSocketTestClient socket = WebSocketTestClient.connect(
                URI.create(platform.webSocketEndpoint() + "?token=" + subscriber.accessToken()))) {
            socket.send(Http.json(Map.of("action", "subscribe_signals", "strategyId", strategyId)));
            http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of("passphrase", passphrase,
                    "action", "buy", "ticker", "BTCUSDT", "price", 64000, "stopLoss", 63000, "takeProfit", 66000,
                    "time", Instant.now().toString())));
            JsonNode opened = socket.next(Duration.ofSeconds(20));
            assertThat(opened.get("event").asText()).isEqualTo("signal_new");
            assertThat(socket.next(Duration.ofSeconds(20)).get("event").asText()).isEqualTo("notification");
            assertThat(deadLetters()).as("WebSocket delivery did not wait for Telegram's retries").isEmpty();

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deadLetters().size() == 1);
            JsonNode first = deadLetters().get(0);
            assertThat(first.get("channel").asText()).isEqualTo("TELEGRAM");
            assertThat(first.get("eventId").asText()).isEqualTo(strategyId + ":1");
            assertThat(attempts()).as("one attempt per receive, maxReceiveCount of them").isEqualTo(MAX_RECEIVES);

            // then a Telegram that fails with 500s: exponential back-off (1, 2, 4, 8 s here) and the DLQ again
            telegram.resetAll();
            telegram.stubFor(post(urlPathMatching("/bot.*/sendMessage")).willReturn(aResponse().withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}")));
            long closedAt = System.nanoTime();
            http.post("/webhooks/tradingview/" + strategyId, Http.json(Map.of("passphrase", passphrase,
                    "action", "close", "ticker", "BTCUSDT", "price", 65000)));
            assertThat(socket.next(Duration.ofSeconds(20)).get("event").asText()).isEqualTo("signal_closed");
            assertThat(attempts())
                    .as("the close reached the WebSocket before Telegram's retries were over").isLessThan(MAX_RECEIVES);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deadLetters().size() == 2);
            assertThat(deadLetters()).extracting(node -> node.get("eventId").asText())
                    .containsExactlyInAnyOrder(strategyId + ":1", strategyId + ":2");
            assertThat(attempts()).isEqualTo(MAX_RECEIVES);
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt))
                    .as("backed off between attempts (1 + 2 + 4 + 8 s)").isGreaterThanOrEqualTo(Duration.ofSeconds(15));
        }
    }
}
