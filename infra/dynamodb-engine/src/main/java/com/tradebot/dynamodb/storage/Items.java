package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.table.KeySchema;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers on items. */
public final class Items {
    private Items() {
    }

    /** The key attributes of an item under a key schema, hash first. */
    public static Map<String, AttributeValue> keyAttributes(KeySchema keys, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        key.put(keys.hashName(), item.get(keys.hashName()));
        if (keys.hasRange()) {
            key.put(keys.rangeName(), item.get(keys.rangeName()));
        }
        return key;
    }
}
