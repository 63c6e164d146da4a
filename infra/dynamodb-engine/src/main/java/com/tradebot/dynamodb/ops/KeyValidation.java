package com.tradebot.dynamodb.ops;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.table.IndexDefinition;
import com.tradebot.dynamodb.table.KeySchema;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.util.Map;

/** Checks keys and items against a table's schema with DynamoDB's messages. */
final class KeyValidation {
    static final long MAX_ITEM_SIZE = 400 * 1024;
    private static final String INVALID = "One or more parameter values were invalid: ";

    private KeyValidation() {
    }

    /** A Key parameter: exactly the key attributes, of the schema's types. Returns its position. */
    static IndexKey key(TableDefinition table, Map<String, AttributeValue> key) {
        IndexKey position = keyShape(table, key);
        checkKeySizes(table, key);
        return position;
    }

    /** A Key's attributes and types (not its size). */
    static IndexKey keyShape(TableDefinition table, Map<String, AttributeValue> key) {
        KeySchema keys = table.keys();
        if (key == null || key.size() != (keys.hasRange() ? 2 : 1)) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        AttributeValue hash = keyPiece(key, keys.hashName(), keys.hashType());
        AttributeValue range = keys.hasRange() ? keyPiece(key, keys.rangeName(), keys.rangeType()) : null;
        return IndexKey.of(hash, range);
    }

    /**
     * A Key's values of the schema's types must not be empty strings or binaries: checked on its own where a wrong
     * shape is answered differently from an empty value (a transaction cancels on the first, refuses on the second).
     */
    static void checkKeyNotEmpty(TableDefinition table, Map<String, AttributeValue> key) {
        KeySchema keys = table.keys();
        checkNotEmptyIfTyped(key.get(keys.hashName()), keys.hashName(), keys.hashType());
        if (keys.hasRange()) {
            checkNotEmptyIfTyped(key.get(keys.rangeName()), keys.rangeName(), keys.rangeType());
        }
    }

    private static void checkNotEmptyIfTyped(AttributeValue value, String name, String type) {
        if (value != null && value.type().equals(type)) {
            checkNotEmpty(value, name, INVALID);
        }
    }

    static void checkKeySizes(TableDefinition table, Map<String, AttributeValue> key) {
        KeySchema keys = table.keys();
        checkKeySize(key.get(keys.hashName()), true);
        if (keys.hasRange()) {
            checkKeySize(key.get(keys.rangeName()), false);
        }
    }

    private static AttributeValue keyPiece(Map<String, AttributeValue> key, String name, String type) {
        AttributeValue value = key.get(name);
        if (value == null || !value.type().equals(type)) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        checkNotEmpty(value, name, INVALID);
        return value;
    }

    /** A whole item to be stored: key attributes present and typed, index keys typed, size within 400 KB. */
    static IndexKey item(TableDefinition table, Map<String, AttributeValue> item) {
        return item(table, item, AttributeValues.itemSize(item));
    }

    /** As {@link #item(TableDefinition, Map)} with the item's {@link AttributeValues#itemSize}, when the caller has it. */
    static IndexKey item(TableDefinition table, Map<String, AttributeValue> item, long itemSize) {
        KeySchema keys = table.keys();
        AttributeValue hash = itemKeyPiece(item, keys.hashName(), keys.hashType(), true);
        AttributeValue range = keys.hasRange() ? itemKeyPiece(item, keys.rangeName(), keys.rangeType(), false) : null;
        checkIndexKeys(table, item);
        if (itemSize > MAX_ITEM_SIZE) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        return IndexKey.of(hash, range);
    }

    private static AttributeValue itemKeyPiece(Map<String, AttributeValue> item, String name, String type, boolean hash) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw DynamoDbException.validation(INVALID + "Missing the key " + name + " in the item");
        }
        if (!value.type().equals(type)) {
            throw DynamoDbException.validation(INVALID + "Type mismatch for key " + name + " expected: " + type
                    + " actual: " + value.type());
        }
        checkNotEmpty(value, name, "One or more parameter values are not valid. ");
        checkKeySize(value, hash);
        return value;
    }

    /** Index key attributes present in an item must have the index's type and must not be empty. */
    static void checkIndexKeys(TableDefinition table, Map<String, AttributeValue> item) {
        for (IndexDefinition index : table.indexes()) {
            checkIndexKey(index, index.keys().hashName(), index.keys().hashType(), item, true);
            if (index.keys().hasRange()) {
                checkIndexKey(index, index.keys().rangeName(), index.keys().rangeType(), item, false);
            }
        }
    }

    private static void checkIndexKey(IndexDefinition index, String name, String type, Map<String, AttributeValue> item,
                                      boolean hash) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return;
        }
        if (!value.type().equals(type)) {
            throw DynamoDbException.validation(INVALID + "Type mismatch for Index Key " + name + " Expected: " + type
                    + " Actual: " + value.type() + " IndexName: " + index.name());
        }
        if (isEmpty(value)) {
            throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                    + (value instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: " + index.name()
                    + ", IndexKey: " + name);
        }
        // an index key is a key: the same 2,048 / 1,024-byte limits (DynamoDB developer guide, Constraints)
        long size = value instanceof AttributeValue.N ? 0 : AttributeValues.size(value);
        if (size > (hash ? 2048 : 1024)) {
            throw DynamoDbException.validation(INVALID + "Size of " + (hash ? "hash" : "range") + " key of index "
                    + index.name() + " has exceeded the maximum size limit of " + (hash ? 2048 : 1024) + " bytes; "
                    + "IndexKey: " + name);
        }
    }

    private static void checkNotEmpty(AttributeValue value, String name, String prefix) {
        if (isEmpty(value)) {
            throw DynamoDbException.validation(prefix + "The AttributeValue for a key attribute cannot contain an empty "
                    + (value instanceof AttributeValue.S ? "string" : "binary") + " value. Key: " + name);
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return (value instanceof AttributeValue.S s && s.value().isEmpty())
                || (value instanceof AttributeValue.B b && b.value().length() == 0);
    }

    private static void checkKeySize(AttributeValue value, boolean hash) {
        long size = value instanceof AttributeValue.N ? 0 : AttributeValues.size(value);
        if (hash && size > 2048) {
            throw DynamoDbException.validation(INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!hash && size > 1024) {
            throw DynamoDbException.validation(INVALID
                    + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
