package com.tradebot.signal;

import com.tradebot.auth.MutableClock;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyDraft;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyService;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.subscription.SubscriptionService;
import com.tradebot.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Strategy, subscription and signal services over a fresh main table in the real engine. */
public final class MarketplaceFixture {
    /** Starts now: connection and idempotency items carry TTLs, and the engine sweeps those in the past. */
    public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    public final String table = LocalDynamoDb.newMainTable();
    public final List<SignalEventMessage> published = new CopyOnWriteArrayList<>();
    public final StrategyRepository strategyRepository = new StrategyRepository(LocalDynamoDb.client(), table);
    public final StrategyService strategies = new StrategyService(strategyRepository, clock, "https://api.example.com/v1");
    public final SubscriptionRepository subscriptionRepository = new SubscriptionRepository(LocalDynamoDb.client(), table);
    public final SubscriptionService subscriptions = new SubscriptionService(subscriptionRepository, strategyRepository, clock);
    public final SignalRepository signalRepository = new SignalRepository(LocalDynamoDb.client(), table);
    public final SignalService signals = new SignalService(signalRepository, strategies, subscriptionRepository,
            published::add, clock);

    public Strategy freeStrategy(String ownerId) {
        return strategies.create(ownerId, draft("Trend " + ownerId, "0"));
    }

    public static StrategyDraft draft(String name, String price) {
        return new StrategyDraft(name, "EMA cross", "TREND", "trend", Map.of("fast", 9), List.of("BTCUSDT", "eth/usdt"),
                List.of("1h", "4h"), new BigDecimal(price), null, null, null, null);
    }

    public static SignalDraft buy(String strategyId, String entry, String stop, String target) {
        return new SignalDraft(strategyId, "ENTRY", "BTC/USDT", "binance", "1h", "BUY", new BigDecimal(entry),
                new BigDecimal(stop), new BigDecimal(target), null, 3, null, Map.of("rsi", 28));
    }
}
