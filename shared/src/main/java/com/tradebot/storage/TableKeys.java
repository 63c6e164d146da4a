package com.tradebot.storage;

/**
 * Attribute names of the single table (see docs/access-patterns.md). Items carry a partition key, a sort key,
 * a type, up to two overloaded GSI keys and an optional TTL.
 */
public final class TableKeys {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String TYPE = "Type";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    /** Epoch seconds after which DynamoDB's TTL sweep deletes the item. */
    public static final String TTL = "ttl";

    private TableKeys() {
    }
}
