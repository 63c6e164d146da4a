package com.tradebot.dynamodb.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The immutable description of a table; a change produces a new definition. */
public record TableDefinition(String name, String tableId, long creationMillis, KeySchema keys,
                              Map<String, String> attributeTypes, String billingMode,
                              long readCapacity, long writeCapacity,
                              List<IndexDefinition> globalIndexes, List<IndexDefinition> localIndexes,
                              TimeToLive timeToLive) {
    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";
    public static final String PROVISIONED = "PROVISIONED";

    public TableDefinition {
        attributeTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributeTypes));
        globalIndexes = List.copyOf(globalIndexes);
        localIndexes = List.copyOf(localIndexes);
    }

    /** GSIs then LSIs. */
    public List<IndexDefinition> indexes() {
        if (localIndexes.isEmpty()) {
            return globalIndexes;
        }
        List<IndexDefinition> all = new ArrayList<>(globalIndexes);
        all.addAll(localIndexes);
        return all;
    }

    public IndexDefinition index(String indexName) {
        for (IndexDefinition index : globalIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        for (IndexDefinition index : localIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    public TableDefinition withTimeToLive(TimeToLive ttl) {
        return new TableDefinition(name, tableId, creationMillis, keys, attributeTypes, billingMode,
                readCapacity, writeCapacity, globalIndexes, localIndexes, ttl);
    }

    public TableDefinition withGlobalIndexes(List<IndexDefinition> indexes, Map<String, String> types) {
        return new TableDefinition(name, tableId, creationMillis, keys, types, billingMode,
                readCapacity, writeCapacity, indexes, localIndexes, timeToLive);
    }

    public TableDefinition withBilling(String mode, long read, long write) {
        return new TableDefinition(name, tableId, creationMillis, keys, attributeTypes, mode,
                read, write, globalIndexes, localIndexes, timeToLive);
    }

    public String arn() {
        return "arn:aws:dynamodb:us-east-1:000000000000:table/" + name;
    }
}
