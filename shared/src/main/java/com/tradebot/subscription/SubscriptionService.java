package com.tradebot.subscription;

import com.tradebot.common.ApiException;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Subscription records: a free strategy is subscribed to at once (ACTIVE); paid strategies go through checkout
 * (billing), which creates PENDING records through {@link #createRecord}. One subscription per user and strategy
 * holds the slot at a time.
 */
public final class SubscriptionService {
    private final SubscriptionRepository subscriptions;
    private final StrategyRepository strategies;
    private final Clock clock;

    public SubscriptionService(SubscriptionRepository subscriptions, StrategyRepository strategies, Clock clock) {
        this.subscriptions = subscriptions;
        this.strategies = strategies;
        this.clock = clock;
    }

    public SubscriptionRepository repository() {
        return subscriptions;
    }

    /** The strategy if {@code userId} may subscribe to it: active, not deleted, not their own. */
    public Strategy subscribable(String userId, String strategyId) {
        Strategy strategy = strategies.find(strategyId)
                .filter(s -> !s.deleted() && s.isActive())
                .orElseThrow(() -> ApiException.notFound("No active strategy " + strategyId));
        if (strategy.ownerId().equals(userId)) {
            throw ApiException.badRequest("OWN_STRATEGY", "Providers receive their own signals without subscribing");
        }
        return strategy;
    }

    public Subscription subscribe(String userId, String strategyId) {
        Strategy strategy = subscribable(userId, strategyId);
        if (!strategy.free()) {
            throw new ApiException(402, "PAYMENT_REQUIRED",
                    "This strategy costs " + strategy.monthlyPriceCents() + " cents a month; subscribe through checkout");
        }
        return createRecord(userId, strategy, SubscriptionStatus.ACTIVE, null);
    }

    /** Stores a new subscription in {@code status}; 409 if the user already holds one for the strategy. */
    public Subscription createRecord(String userId, Strategy strategy, SubscriptionStatus status, Instant endDate) {
        Instant now = clock.instant();
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), userId, strategy.id(), status,
                strategy.monthlyPriceCents(), now, endDate, !strategy.free(), now, now);
        try {
            subscriptions.create(subscription, status == SubscriptionStatus.ACTIVE);
        } catch (SubscriptionRepository.SlotTakenException e) {
            throw ApiException.conflict("ALREADY_SUBSCRIBED", "You already have a subscription to this strategy");
        }
        strategies.refreshListing(strategy.id());
        return subscription;
    }

    public List<Subscription> mine(String userId) {
        return subscriptions.ofUser(userId).stream()
                .sorted(Comparator.comparing(Subscription::createdAt).reversed()).toList();
    }

    public Subscription cancel(String userId, String id) {
        Subscription subscription = subscriptions.find(id)
                .orElseThrow(() -> ApiException.notFound("No subscription " + id));
        if (!subscription.userId().equals(userId)) {
            throw ApiException.forbidden("Not your subscription");
        }
        if (!subscription.status().holdsSlot()) {
            throw ApiException.conflict("ALREADY_ENDED", "The subscription is already " + subscription.status());
        }
        end(subscription, SubscriptionStatus.CANCELLED);
        return subscriptions.find(id).orElseThrow();
    }

    /** Ends a subscription (CANCELLED or EXPIRED): its signals stop with the next event. */
    public boolean end(Subscription subscription, SubscriptionStatus endState) {
        boolean changed = subscriptions.changeStatus(subscription, subscription.status(), endState, clock.instant());
        if (changed && subscription.status() == SubscriptionStatus.ACTIVE) {
            strategies.addSubscribers(subscription.strategyId(), -1);
        }
        if (!changed) {
            throw ApiException.conflict("CONCURRENT_CHANGE", "The subscription changed meanwhile; try again");
        }
        return true;
    }

    /** Receives the strategy's signals now. */
    public boolean isLiveSubscriber(String userId, String strategyId) {
        Instant now = clock.instant();
        return subscriptions.ofUserToStrategy(userId, strategyId).stream().anyMatch(s -> s.live(now));
    }

    /** May receive the strategy's signals: a live subscriber or the owner. */
    public boolean mayReceive(String userId, String strategyId) {
        return isLiveSubscriber(userId, strategyId)
                || strategies.find(strategyId).map(s -> s.ownerId().equals(userId)).orElse(false);
    }

    /** Has or had a subscription (any state but PENDING: a checkout never completed does not count). */
    public boolean hasOrHad(String userId, String strategyId) {
        return subscriptions.ofUserToStrategy(userId, strategyId).stream()
                .anyMatch(s -> s.status() != SubscriptionStatus.PENDING);
    }
}
