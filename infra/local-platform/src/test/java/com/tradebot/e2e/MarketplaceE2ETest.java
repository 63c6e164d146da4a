package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strategies, subscriptions, signals and the track record over real HTTP on the local platform. */
class MarketplaceE2ETest {
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

    /** Issue 19 (dash3): the provider console's list holds the unpublished strategy the marketplace hides. */
    @Test
    void myStrategiesIncludeUnpublishedOnesAndOnlyMine() {
        Accounts.User provider = accounts.register("mine", "PROVIDER");
        Accounts.User other = accounts.register("theirs", "PROVIDER");
        String published = http.post("/api/strategies", Marketplace.strategyBody("Mine public", "0"),
                "Authorization", provider.bearer()).json().get("id").asText();
        Map<String, Object> hidden = new java.util.LinkedHashMap<>(Map.of("name", "Mine private", "description", "draft",
                "type", "TREND", "category", "trend", "supportedPairs", java.util.List.of("BTCUSDT"),
                "supportedTimeframes", java.util.List.of("1h"), "monthlyPrice", 0, "isPublic", false));
        Http.Response created = http.post("/api/strategies", Http.json(hidden), "Authorization", provider.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String unpublished = created.json().get("id").asText();
        String deleted = http.post("/api/strategies", Marketplace.strategyBody("Mine deleted", "0"),
                "Authorization", provider.bearer()).json().get("id").asText();
        assertThat(http.send("DELETE", "/api/strategies/" + deleted, null, "Authorization", provider.bearer()).status()).isEqualTo(204);
        http.post("/api/strategies", Marketplace.strategyBody("Someone else's", "0"), "Authorization", other.bearer());

        Http.Response mine = http.get("/api/providers/me/strategies", "Authorization", provider.bearer());
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("items").findValuesAsText("id")).containsExactly(unpublished, published);
        assertThat(mine.header("Cache-Control")).contains("no-store");
        assertThat(http.get("/api/strategies?sort=newest&limit=100").json().get("items").findValuesAsText("id"))
                .contains(published).doesNotContain(unpublished);
        assertThat(http.get("/api/providers/me/strategies").status()).isEqualTo(401);
    }

    @Test
    void providerPublishesSubscriberReadsAndTheRecordVerifies() {
        Accounts.User provider = accounts.register("provider", "PROVIDER");
        Accounts.User subscriber = accounts.register("subscriber", null);
        Accounts.User stranger = accounts.register("stranger", null);

        Http.Response created = http.post("/api/strategies", Marketplace.strategyBody("E2E trend", "0"),
                "Authorization", provider.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String strategyId = created.json().get("id").asText();
        assertThat(created.json().get("isPublic").asBoolean()).isTrue();
        assertThat(created.json().get("supportedPairs").get(0).asText()).isEqualTo("BTC/USDT");
        assertThat(http.post("/api/strategies", Marketplace.strategyBody("Nope", "0"), "Authorization",
                subscriber.bearer()).status()).isEqualTo(403);

        Http.Response listing = http.get("/api/strategies?sort=newest&pair=BTCUSDT");
        assertThat(listing.json().get("items").findValuesAsText("id")).contains(strategyId);
        Http.Response webhook = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", provider.bearer());
        assertThat(webhook.json().get("url").asText()).endsWith("/webhooks/tradingview/" + strategyId);
        assertThat(webhook.header("Cache-Control")).contains("no-store");
        assertThat(http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", subscriber.bearer()).status())
                .isEqualTo(403);

        Http.Response subscribed = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", subscriber.bearer());
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.json().get("status").asText()).isEqualTo("ACTIVE");
        Http.Response again = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", subscriber.bearer());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("ALREADY_SUBSCRIBED");

        Http.Response bad = http.post("/api/signals", Marketplace.buyBody(strategyId, "100", "105", "110"),
                "Authorization", provider.bearer());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details/0/field").asText()).isEqualTo("stopLoss");
        assertThat(http.post("/api/signals", Marketplace.buyBody(strategyId, "100", "95", "110"), "Authorization",
                stranger.bearer()).status()).isEqualTo(403);
        Http.Response signal = http.post("/api/signals", Marketplace.buyBody(strategyId, "100", "95", "110"),
                "Authorization", provider.bearer());
        assertThat(signal.status()).as(signal.body()).isEqualTo(201);
        String signalId = signal.json().get("id").asText();
        assertThat(signal.json().get("riskRewardRatio").decimalValue()).isEqualByComparingTo("2");

        JsonNode feed = http.get("/api/signals", "Authorization", subscriber.bearer()).json();
        assertThat(feed.get("items").findValuesAsText("id")).containsExactly(signalId);
        assertThat(http.get("/api/signals", "Authorization", stranger.bearer()).json().get("items")).isEmpty();
        assertThat(http.get("/api/signals/" + signalId, "Authorization", stranger.bearer()).status()).isEqualTo(403);

        Http.Response closed = http.send("PUT", "/api/signals/" + signalId,
                Http.json(Map.of("status", "TP_HIT", "exitPrice", 110)), "Authorization", provider.bearer());
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/signals/" + signalId, null, "Authorization", provider.bearer()).errorCode())
                .isEqualTo("ILLEGAL_TRANSITION");

        JsonNode strategy = http.get("/api/strategies/" + strategyId).json();
        assertThat(strategy.at("/stats/winRate").decimalValue()).isEqualByComparingTo("100");
        assertThat(strategy.at("/stats/cumulativeReturn").decimalValue()).isEqualByComparingTo("10");
        assertThat(strategy.get("subscriberCount").asInt()).isEqualTo(1);

        JsonNode record = http.get("/api/strategies/" + strategyId + "/track-record").json();
        assertThat(record.at("/verification/valid").asBoolean()).isTrue();
        assertThat(record.get("events").findValuesAsText("kind")).containsExactly("SIGNAL_OPENED", "SIGNAL_CLOSED");
        assertThat(record.get("headHash").asText()).isEqualTo(record.at("/events/1/hash").asText());

        // cancelling the subscription takes the strategy out of the subscriber's feed
        String subscriptionId = subscribed.json().get("id").asText();
        assertThat(http.send("PUT", "/api/subscriptions/" + subscriptionId + "/cancel", null, "Authorization",
                subscriber.bearer()).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(http.get("/api/signals", "Authorization", subscriber.bearer()).json().get("items")).isEmpty();

        // reviews: users who had a subscription, one each; the strategy carries the average
        String reviews = "/api/strategies/" + strategyId + "/reviews";
        assertThat(http.post(reviews, Http.json(Map.of("rating", 4, "text", "Clear entries")), "Authorization",
                subscriber.bearer()).status()).isEqualTo(201);
        assertThat(http.post(reviews, Http.json(Map.of("rating", 5)), "Authorization", subscriber.bearer()).errorCode())
                .isEqualTo("ALREADY_REVIEWED");
        assertThat(http.post(reviews, Http.json(Map.of("rating", 1)), "Authorization", stranger.bearer()).status())
                .isEqualTo(403);
        assertThat(http.post(reviews, Http.json(Map.of("rating", 6, "text", "x".repeat(2001))), "Authorization",
                subscriber.bearer()).json().at("/error/details").findValuesAsText("field")).containsExactly("rating", "text");
        assertThat(http.get(reviews).json().get("items").findValuesAsText("text")).containsExactly("Clear entries");
        JsonNode rated = http.get("/api/strategies/" + strategyId).json();
        assertThat(rated.get("reviewCount").asInt()).isEqualTo(1);
        assertThat(rated.get("ratingAverage").asDouble()).isEqualTo(4.0);

        assertThat(http.send("DELETE", "/api/strategies/" + strategyId, null, "Authorization", provider.bearer()).status())
                .isEqualTo(204);
        assertThat(http.get("/api/strategies/" + strategyId).status()).isEqualTo(404);
        assertThat(http.get("/api/strategies").json().get("items").findValuesAsText("id")).doesNotContain(strategyId);
    }
}
