package com.tradebot.dynamodb.table;

/** Hash (partition) and optional range (sort) key of a table or index, with their scalar types (S, N or B). */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** The type of the named key attribute, or null when it is not part of this key. */
    public String typeOf(String name) {
        if (name.equals(hashName)) {
            return hashType;
        }
        return name.equals(rangeName) ? rangeType : null;
    }
}
