package com.tradebot.dynamodb.table;

/** A local or global secondary index. */
public record IndexDefinition(String name, boolean global, KeySchema keys, Projection projection,
                              long readCapacity, long writeCapacity) {
}
