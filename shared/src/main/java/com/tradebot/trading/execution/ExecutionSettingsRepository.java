package com.tradebot.trading.execution;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.common.Json;
import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Auto-trade settings, one item per subscription; while auto-trade is on the item is also in the strategy's
 * {@code AUTOTRADERS#<strategyId>} GSI1 partition, which the auto-trade dispatcher reads for every entry signal.
 */
public final class ExecutionSettingsRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public ExecutionSettingsRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public void save(ExecutionSettings settings) {
        Map<String, AttributeValue> item = new HashMap<>(key(settings.subscriptionId()));
        item.put(TYPE, Attr.s("ExecutionSettings"));
        item.put("userId", Attr.s(settings.userId()));
        item.put("strategyId", Attr.s(settings.strategyId()));
        item.put("doc", Attr.s(Json.write(settings)));
        if (settings.autoTrade()) {
            item.put(GSI1_PK, Attr.s("AUTOTRADERS#" + settings.strategyId()));
            item.put(GSI1_SK, Attr.s(settings.userId() + "#" + settings.subscriptionId()));
        }
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    public Optional<ExecutionSettings> find(String subscriptionId) {
        return Items.get(dynamoDb, table, key(subscriptionId)).map(ExecutionSettingsRepository::fromItem);
    }

    /** Every subscription of the strategy with auto-trade on (all pages). */
    public List<ExecutionSettings> autoTraders(String strategyId) {
        List<ExecutionSettings> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s("AUTOTRADERS#" + strategyId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> found.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    private static ExecutionSettings fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(Attr.str(item, "doc"), ExecutionSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable execution settings " + Attr.str(item, PK), e);
        }
    }

    private static Map<String, AttributeValue> key(String subscriptionId) {
        return Map.of(PK, Attr.s("AUTOTRADE#" + subscriptionId), SK, Attr.s("SETTINGS"));
    }
}
