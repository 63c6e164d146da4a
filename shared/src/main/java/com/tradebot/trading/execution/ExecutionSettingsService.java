package com.tradebot.trading.execution;

import com.tradebot.auth.User;
import com.tradebot.auth.UserRepository;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.subscription.Subscription;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.trading.exchange.KeyRight;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.vault.ExchangeKey;
import com.tradebot.vault.ExchangeKeyVault;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and saves a subscription's auto-trade settings for its owner. LIVE needs 2FA turned on and a key of the user
 * saved for the chosen market with the TRADE right; PAPER needs neither (issue 18).
 */
public final class ExecutionSettingsService {
    static final Set<String> PAPER_EXCHANGES = Set.of("binance", "bybit", "bitget", "mexc");

    private final ExecutionSettingsRepository repository;
    private final SubscriptionRepository subscriptions;
    private final UserRepository users;
    private final ExchangeKeyVault vault;
    private final Clock clock;

    public ExecutionSettingsService(ExecutionSettingsRepository repository, SubscriptionRepository subscriptions,
                                    UserRepository users, ExchangeKeyVault vault, Clock clock) {
        this.repository = repository;
        this.subscriptions = subscriptions;
        this.users = users;
        this.vault = vault;
        this.clock = clock;
    }

    /** The body of {@code PUT /api/subscriptions/{id}/execution}; absent fields take the defaults. */
    public record Input(Boolean autoTrade, String mode, String exchangeKeyId, String exchange, String market,
                        BigDecimal riskPercent, Integer maxLeverage, Integer maxOpenPositions,
                        Long dailyLossLimitCents, List<String> allowedPairs, Integer priceBandBps,
                        Integer entryTimeoutSeconds, Boolean marketFirstEntry, BigDecimal paperEquity, Integer feeBps) {
    }

    /** The saved settings, or the defaults (auto-trade off) when none were saved. */
    public ExecutionSettings get(String userId, String subscriptionId) {
        Subscription subscription = owned(userId, subscriptionId);
        return repository.find(subscriptionId).orElseGet(() -> build(subscription, new Input(false, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null)));
    }

    public ExecutionSettings save(String userId, String subscriptionId, Input input) {
        Subscription subscription = owned(userId, subscriptionId);
        ExecutionSettings settings = build(subscription, input);
        if (settings.mode() == ExecutionMode.LIVE) {
            if (!users.findById(userId).map(User::totpEnabled).orElse(false)) {
                throw new ApiException(403, "TWO_FACTOR_REQUIRED",
                        "Real trading requires two-factor authentication; paper trading does not");
            }
            ExchangeKey key = vault.get(userId, settings.exchangeKeyId()); // 404 / 403 for someone else's
            if (!key.allows(settings.market(), KeyRight.TRADE.name())) {
                throw new ApiException(403, "KEY_NOT_PERMITTED", "This exchange key was saved for markets "
                        + key.markets() + " with rights " + key.permissions() + ", not " + settings.market() + " TRADE");
            }
        }
        repository.save(settings);
        return settings;
    }

    private Subscription owned(String userId, String subscriptionId) {
        Subscription subscription = subscriptions.find(subscriptionId)
                .orElseThrow(() -> ApiException.notFound("No subscription " + subscriptionId));
        if (!subscription.userId().equals(userId)) {
            throw ApiException.forbidden("Not your subscription");
        }
        return subscription;
    }

    private ExecutionSettings build(Subscription subscription, Input in) {
        List<FieldError> errors = new ArrayList<>();
        ExecutionMode mode = ExecutionMode.PAPER;
        if (in.mode() != null) {
            try {
                mode = ExecutionMode.valueOf(in.mode().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("mode", "must be PAPER or LIVE"));
            }
        }
        String market = in.market() == null ? "spot" : in.market().toLowerCase(Locale.ROOT);
        if (Market.parse(market).isEmpty()) {
            errors.add(new FieldError("market", "must be spot or futures"));
        }
        if (mode == ExecutionMode.LIVE && (in.exchangeKeyId() == null || in.exchangeKeyId().isBlank())) {
            errors.add(new FieldError("exchangeKeyId", "is required for LIVE"));
        }
        String exchange = in.exchange() == null ? "binance" : in.exchange().toLowerCase(Locale.ROOT);
        if (!PAPER_EXCHANGES.contains(exchange)) {
            errors.add(new FieldError("exchange", "must be one of " + PAPER_EXCHANGES));
        }
        BigDecimal risk = in.riskPercent() == null ? BigDecimal.ONE : in.riskPercent();
        if (risk.signum() <= 0 || risk.compareTo(BigDecimal.valueOf(10)) > 0) {
            errors.add(new FieldError("riskPercent", "must be above 0 and at most 10"));
        }
        int leverage = in.maxLeverage() == null ? 1 : in.maxLeverage();
        if (leverage < 1 || leverage > 125) {
            errors.add(new FieldError("maxLeverage", "must be 1 to 125"));
        }
        int maxOpen = in.maxOpenPositions() == null ? 5 : in.maxOpenPositions();
        if (maxOpen < 1 || maxOpen > 100) {
            errors.add(new FieldError("maxOpenPositions", "must be 1 to 100"));
        }
        long dailyLimit = in.dailyLossLimitCents() == null ? 0 : in.dailyLossLimitCents();
        if (dailyLimit < 0) {
            errors.add(new FieldError("dailyLossLimitCents", "must be 0 (no limit) or positive"));
        }
        List<String> pairs = new ArrayList<>();
        if (in.allowedPairs() != null) {
            if (in.allowedPairs().size() > 50) {
                errors.add(new FieldError("allowedPairs", "at most 50 pairs"));
            } else {
                for (String pair : in.allowedPairs()) {
                    try {
                        pairs.add(Symbol.spot(pair).pair());
                    } catch (RuntimeException e) {
                        errors.add(new FieldError("allowedPairs", "not a pair: " + pair));
                    }
                }
            }
        }
        int band = in.priceBandBps() == null ? 20 : in.priceBandBps();
        if (band < 0 || band > 500) {
            errors.add(new FieldError("priceBandBps", "must be 0 to 500"));
        }
        int timeout = in.entryTimeoutSeconds() == null ? 60 : in.entryTimeoutSeconds();
        if (timeout < 5 || timeout > 86_400) {
            errors.add(new FieldError("entryTimeoutSeconds", "must be 5 to 86400"));
        }
        BigDecimal equity = in.paperEquity() == null ? BigDecimal.valueOf(10_000) : in.paperEquity();
        if (equity.signum() <= 0 || equity.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            errors.add(new FieldError("paperEquity", "must be positive and at most 1e9"));
        }
        int fee = in.feeBps() == null ? 10 : in.feeBps();
        if (fee < 0 || fee > 100) {
            errors.add(new FieldError("feeBps", "must be 0 to 100"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ExecutionSettings(subscription.id(), subscription.userId(), subscription.strategyId(),
                Boolean.TRUE.equals(in.autoTrade()), mode, mode == ExecutionMode.LIVE ? in.exchangeKeyId() : null,
                exchange, market, risk, leverage, maxOpen, dailyLimit, pairs, band, timeout,
                Boolean.TRUE.equals(in.marketFirstEntry()), equity, fee, clock.instant());
    }
}
