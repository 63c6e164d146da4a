package com.tradebot.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.common.ApiException;
import com.tradebot.common.Page;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.subscription.Subscription;
import com.tradebot.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StrategyMarketplaceTest {
    private final MarketplaceFixture f = new MarketplaceFixture();

    @Test
    void draftsAreValidatedAndNormalised() {
        Strategy created = f.strategies.create("p1", MarketplaceFixture.draft("Trend", "19.99"));
        assertThat(created.monthlyPriceCents()).isEqualTo(1999);
        assertThat(created.supportedPairs()).containsExactly("BTC/USDT", "ETH/USDT");
        assertThat(created.revenueSharePercent()).isEqualTo(20);
        assertThat(created.maxLagSeconds()).isEqualTo(60);
        StrategyDraft bad = new StrategyDraft(" ", null, null, null, null, List.of("nonsense!"), List.of("2h"),
                new BigDecimal("1.999"), 101, null, null, null);
        assertThatThrownBy(() -> f.strategies.create("p1", bad))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiException.FieldError::field)
                        .contains("name", "monthlyPrice", "revenueSharePercent", "supportedPairs", "supportedTimeframes"));
        assertThatThrownBy(() -> f.strategies.create("p1", new StrategyDraft("x", null, null, null, null, null, null,
                new BigDecimal("-1"), null, null, null, null))).hasMessageContaining("monthlyPrice");
    }

    @Test
    void theBacktestDefinitionIsCheckedLikeABacktestRequestStoredAndCleared() {
        Map<String, Object> rules = Map.of("indicators", Map.of("fast", Map.of("type", "EMA", "period", 9),
                "slow", Map.of("type", "EMA", "period", 21)), "entryLong", Map.of("crossUp", List.of("fast", "slow")),
                "exitLong", Map.of("crossDown", List.of("fast", "slow")));
        Strategy created = f.strategies.create("p1", withBacktest("Rules", Map.of("rules", rules, "stopLoss", 0.02)));
        assertThat(f.strategies.get(created.id(), null).backtest()).containsKey("rules")
                .extractingByKey("stopLoss").hasToString("0.02");
        assertThat(com.tradebot.common.Json.readTree(com.tradebot.common.Json.write(
                f.strategies.list(Map.of()).items().get(0))).at("/backtest/rules/entryLong")).isNotNull();

        assertThatThrownBy(() -> f.strategies.create("p1", withBacktest("Bad", Map.of("strategy", "NOPE",
                "symbol", "BTC/USDT")))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                .extracting(ApiException.FieldError::field).containsExactlyInAnyOrder("backtest.symbol",
                        "backtest.strategy"));
        assertThatThrownBy(() -> f.strategies.create("p1", withBacktest("Bad", Map.of("strategy", "RSI_MACD",
                "parameters", Map.of("rsiPeriod", 0))))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
                e.details()).extracting(ApiException.FieldError::field).containsExactly("backtest.parameters.rsiPeriod"));
        assertThatThrownBy(() -> f.strategies.create("p1", withBacktest("Bad", Map.of("rules",
                Map.of("entryLong", Map.of("gt", List.of("rsi", 30))))))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.details()).extracting(ApiException.FieldError::field)
                        .containsExactly("backtest.rules/entryLong/gt/0"));
        assertThatThrownBy(() -> f.strategies.update("p1", created.id(), withBacktest(null, Map.of("strategy",
                "EMA_CROSS", "rules", rules)))).hasMessageContaining("either strategy");

        Strategy catalogue = f.strategies.update("p1", created.id(), withBacktest(null, Map.of("strategy",
                "EMA_CROSS")));
        assertThat(catalogue.backtest()).isEqualTo(Map.of("strategy", "EMA_CROSS"));
        assertThat(f.strategies.update("p1", created.id(), MarketplaceFixture.draft("Renamed", "0")).backtest())
                .as("absent keeps it").isEqualTo(Map.of("strategy", "EMA_CROSS"));
        assertThat(f.strategies.update("p1", created.id(), withBacktest(null, Map.of())).backtest())
                .as("{} clears it").isNull();
    }

    private static StrategyDraft withBacktest(String name, Map<String, Object> backtest) {
        return new StrategyDraft(name, null, null, null, null, null, null, name == null ? null : BigDecimal.ZERO,
                null, null, null, null, backtest);
    }

    @Test
    void onlyTheOwnerUpdatesDeleteIsSoftAndTheWebhookSecretRotates() {
        Strategy created = f.freeStrategy("p1");
        assertThatThrownBy(() -> f.strategies.update("p2", created.id(), MarketplaceFixture.draft("Mine now", "0")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        Strategy renamed = f.strategies.update("p1", created.id(), new StrategyDraft("Renamed", null, null, null, null,
                null, null, null, null, null, null, null));
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.supportedPairs()).containsExactly("BTC/USDT", "ETH/USDT");

        StrategyService.WebhookInfo webhook = f.strategies.webhook("p1", created.id());
        assertThat(webhook.url()).isEqualTo("https://api.example.com/v1/webhooks/tradingview/" + created.id());
        assertThat(f.strategies.rotateWebhook("p1", created.id()).passphrase()).isNotEqualTo(webhook.passphrase());
        assertThatThrownBy(() -> f.strategies.webhook("p2", created.id())).extracting("status").isEqualTo(403);

        assertThat(f.strategies.list(Map.of()).items()).hasSize(1);
        f.strategies.delete("p1", created.id());
        assertThat(f.strategies.list(Map.of()).items()).isEmpty();
        assertThat(f.strategyRepository.find(created.id())).get().extracting(Strategy::deleted).isEqualTo(true);
        assertThatThrownBy(() -> f.strategies.get(created.id(), "someone")).extracting("status").isEqualTo(404);
    }

    @Test
    void theListingFiltersSortsAndPagesFromTheIndex() {
        Strategy cheap = f.strategies.create("p1", new StrategyDraft("Cheap", null, null, "scalping", null,
                List.of("BTCUSDT"), List.of("1m"), new BigDecimal("5"), null, null, null, null));
        f.clock.advance(Duration.ofSeconds(1));
        Strategy dear = f.strategies.create("p1", new StrategyDraft("Dear", null, null, "trend", null,
                List.of("ETHUSDT"), List.of("4h"), new BigDecimal("50"), null, null, null, null));
        f.clock.advance(Duration.ofSeconds(1));
        Strategy free = f.strategies.create("p2", new StrategyDraft("Free", null, null, "trend", null,
                List.of("BTCUSDT", "ETHUSDT"), List.of("4h"), BigDecimal.ZERO, null, null, null, null));
        f.strategies.create("p2", new StrategyDraft("Hidden", null, null, "trend", null, null, null, BigDecimal.ZERO,
                null, null, false, null));
        f.subscriptions.subscribe("u1", free.id());

        assertThat(names(f.strategies.list(Map.of()))).containsExactly("Free", "Dear", "Cheap");
        assertThat(names(f.strategies.list(Map.of("sort", "price")))).containsExactly("Free", "Cheap", "Dear");
        assertThat(names(f.strategies.list(Map.of("sort", "price", "minPrice", "1", "maxPrice", "10")))).containsExactly("Cheap");
        assertThat(names(f.strategies.list(Map.of("sort", "subscribers")))).first().isEqualTo("Free");
        assertThat(names(f.strategies.list(Map.of("category", "trend", "pair", "ETH-USDT")))).containsExactly("Free", "Dear");
        assertThat(names(f.strategies.list(Map.of("timeframe", "1m")))).containsExactly("Cheap");
        assertThat(names(f.strategies.list(Map.of("minWinRate", "1")))).isEmpty();

        Page<Strategy> first = f.strategies.list(Map.of("limit", "2"));
        assertThat(names(first)).containsExactly("Free", "Dear");
        Page<Strategy> second = f.strategies.list(Map.of("limit", "2", "cursor", first.nextCursor()));
        assertThat(names(second)).containsExactly("Cheap");
        assertThat(second.nextCursor()).isNull();
        assertThatThrownBy(() -> f.strategies.list(Map.of("cursor", "garbage"))).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> f.strategies.list(Map.of("sort", "popularity"))).extracting("status").isEqualTo(400);
        assertThat(cheap.id()).isNotEqualTo(dear.id());
    }

    @Test
    void oneSubscriptionPerUserAndStrategyEvenUnderConcurrency() throws Exception {
        Strategy free = f.freeStrategy("p1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int created = 0;
        int conflicts = 0;
        try {
            List<Future<Subscription>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(pool.submit(() -> f.subscriptions.subscribe("u1", free.id())));
            }
            for (Future<Subscription> attempt : attempts) {
                try {
                    attempt.get();
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class, a -> assertThat(a.status()).isEqualTo(409));
                    conflicts++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).isEqualTo(1);
        assertThat(conflicts).isEqualTo(7);
        assertThat(f.strategies.get(free.id(), null).subscriberCount()).isEqualTo(1);

        Subscription subscription = f.subscriptions.mine("u1").get(0);
        assertThat(f.subscriptions.isLiveSubscriber("u1", free.id())).isTrue();
        assertThatThrownBy(() -> f.subscriptions.cancel("u2", subscription.id())).extracting("status").isEqualTo(403);
        assertThat(f.subscriptions.cancel("u1", subscription.id()).status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(f.subscriptions.isLiveSubscriber("u1", free.id())).isFalse();
        assertThat(f.subscriptions.hasOrHad("u1", free.id())).isTrue();
        assertThat(f.strategies.get(free.id(), null).subscriberCount()).isZero();
        // the slot is free again
        assertThat(f.subscriptions.subscribe("u1", free.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void paidAndOwnStrategiesAreNotSubscribedHereAndExpiredOnesDoNotReceive() {
        Strategy paid = f.strategies.create("p1", MarketplaceFixture.draft("Paid", "9.99"));
        assertThatThrownBy(() -> f.subscriptions.subscribe("u1", paid.id())).extracting("status").isEqualTo(402);
        Strategy free = f.freeStrategy("p1");
        assertThatThrownBy(() -> f.subscriptions.subscribe("p1", free.id())).extracting("status").isEqualTo(400);
        Subscription ending = f.subscriptions.createRecord("u1", paid, SubscriptionStatus.ACTIVE,
                f.clock.instant().plus(Duration.ofDays(30)));
        assertThat(f.subscriptions.isLiveSubscriber("u1", paid.id())).isTrue();
        assertThat(f.subscriptionRepository.activeSubscriberIds(paid.id(), f.clock.instant(), 100, null).userIds())
                .containsExactly(ending.userId());
        f.clock.advance(Duration.ofDays(31));
        assertThat(f.subscriptions.isLiveSubscriber("u1", paid.id())).isFalse();
        assertThat(f.subscriptionRepository.activeSubscriberIds(paid.id(), f.clock.instant(), 100, null).userIds()).isEmpty();
    }

    private static List<String> names(Page<Strategy> page) {
        return page.items().stream().map(Strategy::name).toList();
    }
}
