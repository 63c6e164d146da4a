package com.tradebot.review;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.common.Page;
import com.tradebot.storage.Attr;
import com.tradebot.storage.PageCursor;
import com.tradebot.strategy.StrategyRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reviews {@code STRATEGY#<strategyId> / REVIEW#<userId>} (so one per user and strategy is a conditional put),
 * listed newest first from GSI1 {@code STRATREVIEWS#<strategyId> / <createdAt>#<userId>}. The strategy's
 * {@code reviewCount} and {@code ratingSum} move in the same transaction, so the average never drifts.
 */
public final class ReviewRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public ReviewRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** False when the user has already reviewed the strategy. */
    public boolean create(Review review) {
        Map<String, AttributeValue> item = new HashMap<>(StrategyRepository.key(review.strategyId(), "REVIEW#" + review.userId()));
        item.put(TYPE, Attr.s("Review"));
        item.put("strategyId", Attr.s(review.strategyId()));
        item.put("userId", Attr.s(review.userId()));
        item.put("rating", Attr.n(review.rating()));
        if (review.text() != null) {
            item.put("text", Attr.s(review.text()));
        }
        item.put("createdAt", Attr.s(review.createdAt().toString()));
        item.put(GSI1_PK, Attr.s("STRATREVIEWS#" + review.strategyId()));
        item.put(GSI1_SK, Attr.s(review.createdAt() + "#" + review.userId()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(StrategyRepository.strategyKey(review.strategyId()))
                            .updateExpression("ADD reviewCount :one, ratingSum :rating")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeValues(Map.of(":one", Attr.n(1), ":rating", Attr.n(review.rating()))))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty() && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    public Page<Review> list(String strategyId, String cursor, int limit) {
        String partition = "STRATREVIEWS#" + strategyId;
        Map<String, AttributeValue> start = PageCursor.decode(cursor, GSI1_PK, partition);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(partition)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start));
        List<Review> items = page.items().stream().map(item -> new Review(Attr.str(item, "strategyId"),
                Attr.str(item, "userId"), (int) Attr.num(item, "rating", 0), Attr.str(item, "text"),
                Attr.instant(item, "createdAt"))).toList();
        return new Page<>(items, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageCursor.encode(page.lastEvaluatedKey()) : null);
    }
}
