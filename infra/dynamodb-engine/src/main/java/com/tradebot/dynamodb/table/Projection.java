package com.tradebot.dynamodb.table;

import java.util.List;

/** Which attributes a secondary index holds: ALL, KEYS_ONLY or INCLUDE with its non-key attributes. */
public record Projection(String type, List<String> nonKeyAttributes) {
    public static final String ALL = "ALL";
    public static final String KEYS_ONLY = "KEYS_ONLY";
    public static final String INCLUDE = "INCLUDE";

    public Projection {
        nonKeyAttributes = nonKeyAttributes == null ? null : List.copyOf(nonKeyAttributes);
    }

    public boolean isAll() {
        return ALL.equals(type);
    }
}
