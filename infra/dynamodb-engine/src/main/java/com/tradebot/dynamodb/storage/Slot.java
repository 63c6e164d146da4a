package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.Map;

/**
 * Where a table's ordered map and its hash map keep one item: replacing the item of an existing key is a single volatile
 * write to its slot, found by the hash lookup the write does anyway, instead of a second descent of the skip list
 * (ConcurrentSkipListMap.put was the largest single cost of a 4-put transaction in a JFR profile: cache misses over
 * ~18 levels of a table of 200,000 items). A slot always holds an item with its own key, so a reader that reaches it
 * through either map sees that key's latest item, or the one before (as the maps' weakly consistent views would give).
 * Index entries get a slot of their own per entry, never updated: an index entry's position depends on the item.
 */
public final class Slot {
    private volatile Map<String, AttributeValue> item;

    Slot(Map<String, AttributeValue> item) {
        this.item = item;
    }

    /** The item; never null. */
    public Map<String, AttributeValue> item() {
        return item;
    }

    /** Replaced only under the database's write lock. */
    void set(Map<String, AttributeValue> newItem) {
        this.item = newItem;
    }
}
