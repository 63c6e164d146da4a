package com.tradebot.functions.api.marketplace;

import com.tradebot.common.ApiException;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.review.ReviewDraft;
import com.tradebot.review.ReviewRepository;
import com.tradebot.review.ReviewService;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.subscription.SubscriptionService;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code /api/strategies/{id}/reviews}: anyone reads; users who have or had a subscription write one each. */
public final class ReviewsHandler extends ApiHandler {
    private final ReviewService reviews;

    public ReviewsHandler() {
        this(fromEnvironment());
    }

    public ReviewsHandler(ReviewService reviews) {
        this.reviews = reviews;
        route("GET", "/api/strategies/{id}/reviews", this::list);
        route("POST", "/api/strategies/{id}/reviews", request -> {
            String userId = request.requirePrincipal().userId();
            return ApiResponse.created(this.reviews.create(userId, request.pathParam("id"),
                    request.body(ReviewDraft.class)));
        });
    }

    private ApiResponse list(ApiRequest request) {
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit").orElse("20"));
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "a number from 1 to 100")));
        }
        return ApiResponse.ok(reviews.list(request.pathParam("id"), request.query("cursor").orElse(null), limit));
    }

    private static ReviewService fromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb();
        String table = Env.require("TABLE_NAME");
        StrategyRepository strategies = new StrategyRepository(dynamoDb, table);
        return new ReviewService(new ReviewRepository(dynamoDb, table), strategies,
                new SubscriptionService(new SubscriptionRepository(dynamoDb, table), strategies, Clock.systemUTC()),
                Clock.systemUTC());
    }
}
