package com.tradebot.signal.webhook;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.strategy.StrategyRepository;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook intake log: {@code STRATEGY#<id> / INTAKE#<receivedAt>#<random>}, kept 30 days by TTL; the provider
 * reads the newest 100 with one Query in descending key order.
 */
public final class WebhookDeliveryRepository {
    public static final int LOG_SIZE = 100;
    private static final Duration KEEP = Duration.ofDays(30);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public WebhookDeliveryRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public void record(String strategyId, WebhookDelivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attr.s(StrategyRepository.partition(strategyId)));
        item.put(SK, Attr.s("INTAKE#" + delivery.receivedAt() + "#" + UUID.randomUUID().toString().substring(0, 8)));
        item.put(TYPE, Attr.s("WebhookDelivery"));
        item.put("receivedAt", Attr.s(delivery.receivedAt().toString()));
        item.put("outcome", Attr.s(delivery.outcome()));
        item.put("status", Attr.n(delivery.status()));
        put(item, "reason", delivery.reason());
        put(item, "action", delivery.action());
        put(item, "ticker", delivery.ticker());
        put(item, "signalId", delivery.signalId());
        item.put(TTL, Attr.n(delivery.receivedAt().plus(KEEP).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    public List<WebhookDelivery> latest(String strategyId) {
        return dynamoDb.query(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", Attr.s(StrategyRepository.partition(strategyId)),
                                ":prefix", Attr.s("INTAKE#")))
                        .scanIndexForward(false)
                        .limit(LOG_SIZE))
                .items().stream()
                .map(item -> new WebhookDelivery(Attr.instant(item, "receivedAt"), Attr.str(item, "outcome"),
                        (int) Attr.num(item, "status", 0), Attr.str(item, "reason"), Attr.str(item, "action"),
                        Attr.str(item, "ticker"), Attr.str(item, "signalId")))
                .toList();
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Attr.s(value.length() > 300 ? value.substring(0, 300) : value));
        }
    }
}
