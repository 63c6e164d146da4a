package com.tradebot.notification.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.auth.MutableClock;
import com.tradebot.notification.ChannelMessage;
import com.tradebot.notification.NotificationPreferences;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.testing.LocalDynamoDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Telegram {@code sendMessage} and Discord "Execute Webhook" against WireMock stubs answering with the payloads of
 * their public documentation: success, 429 with the wait they ask for, 5xx with back-off, 4xx refused for good, and
 * at most one message per user, channel and event.
 */
class ChannelNotifierTest {
    private static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    private final WireMockServer wireMock = new WireMockServer(wireMockConfig().dynamicPort());
    private final NotificationRepository notifications = new NotificationRepository(LocalDynamoDb.client(),
            LocalDynamoDb.newMainTable());
    private final MutableClock clock = new MutableClock(Instant.now());
    private ChannelNotifier notifier;

    @BeforeEach
    void start() {
        wireMock.start();
        HttpClient http = HttpClient.newHttpClient();
        notifier = new ChannelNotifier(notifications, Map.of(
                ChannelMessage.TELEGRAM, new TelegramSender(http, URI.create(wireMock.baseUrl()), TOKEN),
                ChannelMessage.DISCORD, new DiscordSender(http)), Map.of(), clock);
        // the Discord URL's host is checked when it is saved through the API; here the repository stores it directly
        notifications.savePreferences("u1", new NotificationPreferences(true, "987654321",
                wireMock.baseUrl() + "/api/webhooks/111/tok"));
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    private static final String SEND_MESSAGE = "/bot" + TOKEN + "/sendMessage";

    @Test
    void telegramSendsOnceAndHonoursRetryAfterAndBacksOffOn5xx() {
        wireMock.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}")));
        ChannelMessage message = new ChannelMessage(ChannelMessage.TELEGRAM, "u1", "s1:1", "New BUY signal on BTC/USDT");
        ChannelNotifier.Outcome limited = notifier.process(message, 1);
        assertThat(limited.done()).isFalse();
        assertThat(limited.retryAfterSeconds()).isEqualTo(7);

        wireMock.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}")));
        assertThat(notifier.process(message, 2).retryAfterSeconds()).isEqualTo(10);
        assertThat(notifier.process(message, 4).retryAfterSeconds()).isEqualTo(40);

        wireMock.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":4912,\"from\":{\"id\":123456,\"is_bot\":true,"
                        + "\"first_name\":\"TradeBot\",\"username\":\"tradebot_signals_bot\"},\"chat\":{\"id\":987654321,"
                        + "\"first_name\":\"Ada\",\"type\":\"private\"},\"date\":1764864000,"
                        + "\"text\":\"New BUY signal on BTC/USDT\"}}")));
        assertThat(notifier.process(message, 5).done()).isTrue();
        assertThat(notifier.process(message, 6).reason()).isEqualTo("already sent");
        wireMock.verify(4, postRequestedFor(urlEqualTo(SEND_MESSAGE)) // 429, 500, 500, 200; the repeat sends nothing
                .withRequestBody(equalToJson("{\"chat_id\":\"987654321\",\"text\":\"New BUY signal on BTC/USDT\"}")));
    }

    @Test
    void telegramRefusalsAreNotRetried() {
        wireMock.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
        ChannelNotifier.Outcome outcome = notifier.process(
                new ChannelMessage(ChannelMessage.TELEGRAM, "u1", "s1:2", "x"), 1);
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.reason()).isEqualTo("refused 400");
    }

    @Test
    void discordExecutesTheWebhookAndHonoursItsRateLimit() {
        String path = "/api/webhooks/111/tok";
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "3")
                .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}")));
        ChannelMessage message = new ChannelMessage(ChannelMessage.DISCORD, "u1", "s1:3", "Signal on BTC/USDT ended");
        assertThat(notifier.process(message, 1).retryAfterSeconds()).isEqualTo(3);

        wireMock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        assertThat(notifier.process(message, 2).done()).isTrue();
        assertThat(notifier.process(message, 3).reason()).isEqualTo("already sent");
        wireMock.verify(2, postRequestedFor(urlEqualTo(path))
                .withRequestBody(equalToJson("{\"content\":\"Signal on BTC/USDT ended\"}")));

        wireMock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Unknown Webhook\",\"code\":10015}")));
        assertThat(notifier.process(new ChannelMessage(ChannelMessage.DISCORD, "u1", "s1:4", "x"), 1).reason())
                .isEqualTo("refused 404");
    }

    @Test
    void backOffDoublesUpToFifteenMinutesAndTheBucketLimitsTheRate() {
        assertThat(ChannelNotifier.backoff(1)).isEqualTo(5);
        assertThat(ChannelNotifier.backoff(3)).isEqualTo(20);
        assertThat(ChannelNotifier.backoff(30)).isEqualTo(900);
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(2, 2, () -> now[0]);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now[0] += 500_000_000L;
        assertThat(limiter.tryAcquire()).isTrue();
    }
}
