package com.tradebot.strategy;

import com.tradebot.backtest.BacktestDefinition;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.UserText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a draft and turns it into stored values: prices to cents, pairs normalised, defaults applied. */
public final class StrategyRules {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_SHORT_TEXT = 50;
    static final int MAX_PAIRS = 50;
    static final int MAX_PARAMETERS_JSON = 10_000;
    static final BigDecimal MAX_PRICE = new BigDecimal("100000");

    private StrategyRules() {
    }

    /** A new strategy from {@code draft}; every invalid field is reported at once. */
    public static Strategy create(String id, String ownerId, StrategyDraft draft, Instant now) {
        if (draft == null) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        if (draft.monthlyPrice() == null) {
            errors.add(new FieldError("monthlyPrice", "is required (0 for a free strategy)"));
        }
        Strategy empty = new Strategy(id, ownerId, null, null, null, null, Map.of(), List.of(), List.of(), 0,
                Strategy.DEFAULT_REVENUE_SHARE_PERCENT, true, true, Strategy.DEFAULT_MAX_LAG_SECONDS,
                StrategyStats.EMPTY, 0, 0, 0, now, now, null, null, null);
        return apply(empty, draft, errors, now);
    }

    /** {@code current} with the fields {@code draft} sets (absent fields keep their value). */
    public static Strategy update(Strategy current, StrategyDraft draft, Instant now) {
        if (draft == null) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() != null && draft.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        return apply(current, draft, errors, now);
    }

    private static Strategy apply(Strategy base, StrategyDraft draft, List<FieldError> errors, Instant now) {
        String name = text(errors, "name", draft.name(), base.name(), MAX_NAME, false);
        String description = text(errors, "description", draft.description(), base.description(), MAX_DESCRIPTION,
                true);
        String type = text(errors, "type", draft.type(), base.type(), MAX_SHORT_TEXT, false);
        String category = text(errors, "category", draft.category(), base.category(), MAX_SHORT_TEXT, false);
        long priceCents = base.monthlyPriceCents();
        if (draft.monthlyPrice() != null) {
            priceCents = cents(errors, draft.monthlyPrice());
        }
        int share = base.revenueSharePercent();
        if (draft.revenueSharePercent() != null) {
            share = draft.revenueSharePercent();
            if (share < 0 || share > 100) {
                errors.add(new FieldError("revenueSharePercent", "must be between 0 and 100"));
            }
        }
        int maxLag = base.maxLagSeconds();
        if (draft.maxLagSeconds() != null) {
            maxLag = draft.maxLagSeconds();
            if (maxLag < 5 || maxLag > 3600) {
                errors.add(new FieldError("maxLagSeconds", "must be between 5 and 3600"));
            }
        }
        List<String> pairs = base.supportedPairs();
        if (draft.supportedPairs() != null) {
            pairs = pairs(errors, draft.supportedPairs());
        }
        List<String> timeframes = base.supportedTimeframes();
        if (draft.supportedTimeframes() != null) {
            Set<String> unique = new LinkedHashSet<>();
            for (String timeframe : draft.supportedTimeframes()) {
                if (!Timeframes.isValid(timeframe)) {
                    errors.add(new FieldError("supportedTimeframes", "unknown timeframe " + timeframe
                            + " (one of " + Timeframes.ALL + ")"));
                } else {
                    unique.add(timeframe);
                }
            }
            timeframes = List.copyOf(unique);
        }
        Map<String, Object> parameters = base.parameters();
        if (draft.parameters() != null) {
            parameters = new LinkedHashMap<>(draft.parameters());
            UserText.problemIn(parameters).ifPresent(problem -> errors.add(new FieldError("parameters", problem)));
            if (com.tradebot.common.Json.write(parameters).length() > MAX_PARAMETERS_JSON) {
                errors.add(new FieldError("parameters", "must be at most " + MAX_PARAMETERS_JSON + " characters of JSON"));
            }
        }
        Map<String, Object> backtest = base.backtest();
        if (draft.backtest() != null) { // {} removes the definition
            try {
                backtest = BacktestDefinition.validate("backtest", draft.backtest());
            } catch (ApiException e) {
                errors.addAll(e.details());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Strategy(base.id(), base.ownerId(), name, description, type, category, parameters, pairs,
                timeframes, priceCents, share,
                draft.isActive() != null ? draft.isActive() : base.isActive(),
                draft.isPublic() != null ? draft.isPublic() : base.isPublic(), maxLag, base.stats(),
                base.subscriberCount(), base.reviewCount(), base.ratingAverage(), base.createdAt(), now,
                base.deletedAt(), base.robustness(), backtest);
    }

    private static String text(List<FieldError> errors, String field, String value, String current, int max,
                               boolean multiline) {
        if (value == null) {
            return current;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        (multiline ? UserText.multilineProblem(trimmed) : UserText.problem(trimmed))
                .ifPresent(problem -> errors.add(new FieldError(field, problem)));
        return trimmed;
    }

    /** Money arrives as a decimal of the currency; stored as integer cents, so at most 2 decimals. */
    static long cents(List<FieldError> errors, BigDecimal price) {
        if (price.signum() < 0) {
            errors.add(new FieldError("monthlyPrice", "must be 0 or more"));
            return 0;
        }
        if (price.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("monthlyPrice", "must have at most 2 decimals"));
            return 0;
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            errors.add(new FieldError("monthlyPrice", "must be at most " + MAX_PRICE));
            return 0;
        }
        return price.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    private static List<String> pairs(List<FieldError> errors, List<String> raw) {
        if (raw.size() > MAX_PAIRS) {
            errors.add(new FieldError("supportedPairs", "at most " + MAX_PAIRS + " pairs"));
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String pair : raw) {
            Pairs.normalise(pair).ifPresentOrElse(unique::add,
                    () -> errors.add(new FieldError("supportedPairs", "not a pair like BTC/USDT: " + pair)));
        }
        return List.copyOf(unique);
    }
}
