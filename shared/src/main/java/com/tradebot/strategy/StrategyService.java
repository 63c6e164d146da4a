package com.tradebot.strategy;

import com.tradebot.common.ApiException;
import com.tradebot.common.Page;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The marketplace's strategies: create (providers), update and soft-delete (owner), read and list (anyone). */
public final class StrategyService {
    public static final int MAX_PAGE = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StrategyRepository strategies;
    private final Clock clock;
    private final String apiBaseUrl;

    public StrategyService(StrategyRepository strategies, Clock clock, String apiBaseUrl) {
        this.strategies = strategies;
        this.clock = clock;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    public StrategyRepository repository() {
        return strategies;
    }

    public Strategy create(String ownerId, StrategyDraft draft) {
        Strategy strategy = StrategyRules.create(UUID.randomUUID().toString(), ownerId, draft, clock.instant());
        strategies.create(strategy, newPassphrase());
        return strategies.find(strategy.id()).orElseThrow();
    }

    /** A strategy anyone may see; deleted ones only their owner. */
    public Strategy get(String id, String viewerId) {
        Strategy strategy = strategies.find(id).orElseThrow(() -> notFound(id));
        if (strategy.deleted() && !strategy.ownerId().equals(viewerId)) {
            throw notFound(id);
        }
        if (!strategy.isPublic() && !strategy.ownerId().equals(viewerId)) {
            throw notFound(id);
        }
        return strategy;
    }

    public Strategy update(String callerId, String id, StrategyDraft draft) {
        Strategy current = owned(callerId, id);
        Strategy updated = StrategyRules.update(current, draft, clock.instant());
        strategies.update(updated);
        return strategies.find(id).orElseThrow();
    }

    /** Soft delete: the strategy leaves the listing and takes no new signals; its history stays verifiable. */
    public void delete(String callerId, String id) {
        Strategy current = owned(callerId, id);
        strategies.update(new Strategy(current.id(), current.ownerId(), current.name(), current.description(),
                current.type(), current.category(), current.parameters(), current.supportedPairs(),
                current.supportedTimeframes(), current.monthlyPriceCents(), current.revenueSharePercent(), false,
                current.isPublic(), current.maxLagSeconds(), current.stats(), current.subscriberCount(),
                current.reviewCount(), current.ratingAverage(), current.createdAt(), clock.instant(), clock.instant(),
                current.robustness(), current.backtest()));
    }

    public List<Strategy> mine(String ownerId) {
        return strategies.listByOwner(ownerId).stream().filter(s -> !s.deleted()).toList();
    }

    /** The strategy if {@code callerId} owns it and it is not deleted: 404 if missing, 403 if someone else's. */
    public Strategy owned(String callerId, String id) {
        Strategy strategy = strategies.find(id).orElseThrow(() -> notFound(id));
        if (!strategy.ownerId().equals(callerId)) {
            throw ApiException.forbidden("Only the strategy's owner may do this");
        }
        if (strategy.deleted()) {
            throw notFound(id);
        }
        return strategy;
    }

    public record WebhookInfo(String url, String passphrase) {
    }

    public WebhookInfo webhook(String callerId, String id) {
        return webhook(callerId, id, apiBaseUrl);
    }

    /** The webhook as reached under {@code baseUrl} (the API's URL as the caller sees it). */
    public WebhookInfo webhook(String callerId, String id, String baseUrl) {
        owned(callerId, id);
        return new WebhookInfo(webhookUrl(baseUrl, id), strategies.passphrase(id).orElseThrow(() -> notFound(id)));
    }

    public WebhookInfo rotateWebhook(String callerId, String id) {
        return rotateWebhook(callerId, id, apiBaseUrl);
    }

    public WebhookInfo rotateWebhook(String callerId, String id, String baseUrl) {
        owned(callerId, id);
        String passphrase = newPassphrase();
        strategies.rotatePassphrase(id, passphrase);
        return new WebhookInfo(webhookUrl(baseUrl, id), passphrase);
    }

    private static String webhookUrl(String baseUrl, String id) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/webhooks/tradingview/" + id;
    }

    public Page<Strategy> list(Map<String, String> params) {
        return strategies.list(query(params));
    }

    static StrategyQuery query(Map<String, String> params) {
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        StrategyQuery.Sort sort = StrategyQuery.Sort.NEWEST;
        String sortParam = params.get("sort");
        if (sortParam != null) {
            try {
                sort = StrategyQuery.Sort.valueOf(sortParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("sort", "one of newest, subscribers, return, rating, price"));
            }
        }
        String order = params.getOrDefault("order", sort == StrategyQuery.Sort.PRICE ? "asc" : "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            errors.add(new ApiException.FieldError("order", "asc or desc"));
        }
        String pair = null;
        if (params.get("pair") != null) {
            pair = Pairs.normalise(params.get("pair")).orElse(null);
            if (pair == null) {
                errors.add(new ApiException.FieldError("pair", "a pair like BTC/USDT"));
            }
        }
        String timeframe = params.get("timeframe");
        if (timeframe != null && !Timeframes.isValid(timeframe)) {
            errors.add(new ApiException.FieldError("timeframe", "one of " + Timeframes.ALL));
        }
        Long minPrice = price(errors, "minPrice", params.get("minPrice"));
        Long maxPrice = price(errors, "maxPrice", params.get("maxPrice"));
        BigDecimal minWinRate = null;
        if (params.get("minWinRate") != null) {
            try {
                minWinRate = new BigDecimal(params.get("minWinRate"));
                if (minWinRate.signum() < 0 || minWinRate.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(new ApiException.FieldError("minWinRate", "a percentage from 0 to 100"));
            }
        }
        int limit = 20;
        if (params.get("limit") != null) {
            try {
                limit = Integer.parseInt(params.get("limit"));
                if (limit < 1 || limit > MAX_PAGE) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(new ApiException.FieldError("limit", "1 to " + MAX_PAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new StrategyQuery(params.get("category"), pair, timeframe, minPrice, maxPrice, minWinRate, sort,
                order.equals("asc"), limit, params.get("cursor"));
    }

    private static Long price(List<ApiException.FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            List<ApiException.FieldError> priceErrors = new java.util.ArrayList<>();
            long cents = StrategyRules.cents(priceErrors, new BigDecimal(value));
            if (!priceErrors.isEmpty()) {
                throw new NumberFormatException();
            }
            return cents;
        } catch (NumberFormatException e) {
            errors.add(new ApiException.FieldError(field, "a price ≥ 0 with at most 2 decimals"));
            return null;
        }
    }

    static String newPassphrase() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No strategy " + id);
    }
}
