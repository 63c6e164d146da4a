package com.tradebot.local.template;

import java.util.Map;

/** An {@code AWS::DynamoDB::Table} with its resolved properties (KeySchema, AttributeDefinitions, indexes, TTL). */
public record TableDef(String logicalId, String tableName, Map<String, Object> properties) {
}
