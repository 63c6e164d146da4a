package com.tradebot.billing;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A strategy's Stripe Product and current monthly Price ({@code STRATEGYPRICE#<strategyId> / PRICING}), kept apart from
 * the strategy record so that billing owns its Stripe ids. Saved with a condition on the revision it replaces, so two
 * checkouts that re-price at once store one pricing.
 */
public final class StrategyPriceRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public StrategyPriceRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<StrategyPricing.Pricing> find(String strategyId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(strategyId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StrategyPricing.Pricing(Attr.str(item, "productId"), Attr.str(item, "priceId"),
                Attr.num(item, "monthlyPriceCents", 0), Attr.str(item, "currency"),
                (int) Attr.num(item, "revision", 0)));
    }

    /** Stores {@code pricing} if the stored one is still revision {@code replacing} (0: none); false otherwise. */
    public boolean save(String strategyId, StrategyPricing.Pricing pricing, int replacing) {
        Map<String, AttributeValue> item = new HashMap<>(key(strategyId));
        item.put(TYPE, Attr.s("StrategyPricing"));
        item.put("strategyId", Attr.s(strategyId));
        item.put("productId", Attr.s(pricing.productId()));
        item.put("priceId", Attr.s(pricing.priceId()));
        item.put("monthlyPriceCents", Attr.n(pricing.monthlyPriceCents()));
        item.put("currency", Attr.s(pricing.currency()));
        item.put("revision", Attr.n(pricing.revision()));
        try {
            if (replacing == 0) {
                dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            } else {
                dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("revision = :rev")
                        .expressionAttributeValues(Map.of(":rev", Attr.n(replacing))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String strategyId) {
        return Map.of(PK, Attr.s("STRATEGYPRICE#" + strategyId), SK, Attr.s("PRICING"));
    }
}
