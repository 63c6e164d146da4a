package com.tradebot.review;

import com.tradebot.common.ApiException;
import com.tradebot.common.UserText;
import com.tradebot.common.Page;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.subscription.SubscriptionService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reviews: only users who have or had a subscription, one each, rating 1–5, text up to 2,000 characters. */
public final class ReviewService {
    public static final int MAX_TEXT = 2_000;

    private final ReviewRepository reviews;
    private final StrategyRepository strategies;
    private final SubscriptionService subscriptions;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews, StrategyRepository strategies, SubscriptionService subscriptions,
                         Clock clock) {
        this.reviews = reviews;
        this.strategies = strategies;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public Review create(String userId, String strategyId, ReviewDraft draft) {
        if (draft == null) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (draft.rating() == null || draft.rating() < 1 || draft.rating() > 5) {
            errors.add(new ApiException.FieldError("rating", "a whole number from 1 to 5"));
        }
        String text = draft.text() == null ? null : draft.text().strip();
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new ApiException.FieldError("text", "at most " + MAX_TEXT + " characters"));
        }
        if (text != null) {
            UserText.multilineProblem(text).ifPresent(problem -> errors.add(new ApiException.FieldError("text", problem)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Strategy strategy = strategies.find(strategyId).filter(s -> !s.deleted())
                .orElseThrow(() -> ApiException.notFound("No strategy " + strategyId));
        if (strategy.ownerId().equals(userId)) {
            throw ApiException.forbidden("Providers do not review their own strategies");
        }
        if (!subscriptions.hasOrHad(userId, strategyId)) {
            throw ApiException.forbidden("Only users who have or had a subscription may review");
        }
        Review review = new Review(strategyId, userId, draft.rating(), text == null || text.isEmpty() ? null : text,
                clock.instant());
        if (!reviews.create(review)) {
            throw ApiException.conflict("ALREADY_REVIEWED", "You have already reviewed this strategy");
        }
        strategies.refreshListing(strategyId);
        return review;
    }

    public Page<Review> list(String strategyId, String cursor, int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "1 to 100")));
        }
        strategies.find(strategyId).filter(s -> !s.deleted())
                .orElseThrow(() -> ApiException.notFound("No strategy " + strategyId));
        return reviews.list(strategyId, cursor, limit);
    }
}
