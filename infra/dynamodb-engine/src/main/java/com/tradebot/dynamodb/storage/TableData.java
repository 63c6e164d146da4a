package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.table.IndexDefinition;
import com.tradebot.dynamodb.table.KeySchema;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The live contents of one table: items ordered by {@link IndexKey} plus one ordered map per secondary index
 * (entries point at the full item; projections are applied when reading). Mutated only under the database's write lock;
 * read lock-free.
 */
public final class TableData {
    private volatile TableDefinition definition;
    private final ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>> items = new ConcurrentSkipListMap<>();
    /**
     * The same items by key, for GetItem and the read before every write: a hash lookup instead of a skip-list
     * descent (which showed as the largest single cost of a 4-put transaction in a profile). Updated together with
     * {@link #items} under the write lock.
     */
    private final ConcurrentHashMap<IndexKey, Map<String, AttributeValue>> byKey = new ConcurrentHashMap<>();
    private volatile Map<String, ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>>> indexes;
    private volatile long itemCount;

    TableData(TableDefinition definition) {
        this.definition = definition;
        Map<String, ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>>> maps = new HashMap<>();
        for (IndexDefinition index : definition.indexes()) {
            maps.put(index.name(), new ConcurrentSkipListMap<>());
        }
        this.indexes = maps;
    }

    public TableDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public NavigableMap<IndexKey, Map<String, AttributeValue>> items() {
        return items;
    }

    /** The ordered entries of a secondary index, or null if there is no such index. */
    public NavigableMap<IndexKey, Map<String, AttributeValue>> index(String indexName) {
        return indexes.get(indexName);
    }

    public long itemCount() {
        return itemCount;
    }

    public Map<String, AttributeValue> get(IndexKey key) {
        return byKey.get(key);
    }

    /** The key of an item under this table's schema (the item is assumed validated). */
    public IndexKey keyOf(Map<String, AttributeValue> item) {
        KeySchema keys = definition.keys();
        return IndexKey.of(item.get(keys.hashName()), keys.hasRange() ? item.get(keys.rangeName()) : null);
    }

    /** Replaces (newItem != null) or removes the item at key, keeping every index in step. */
    void apply(IndexKey key, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        if (newItem == null) {
            byKey.remove(key);
            if (items.remove(key) != null) {
                itemCount--;
            }
        } else {
            byKey.put(key, newItem);
            if (items.put(key, newItem) == null) {
                itemCount++;
            }
        }
        for (IndexDefinition index : definition.indexes()) {
            ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>> map = indexes.get(index.name());
            IndexKey oldEntry = oldItem == null ? null : indexEntry(index, oldItem, key);
            IndexKey newEntry = newItem == null ? null : indexEntry(index, newItem, key);
            if (oldEntry != null && (newEntry == null || !oldEntry.equals(newEntry))) {
                map.remove(oldEntry);
            }
            if (newEntry != null) {
                map.put(newEntry, newItem);
            }
        }
    }

    /** The item's entry in an index, or null when it lacks an index key attribute or has the wrong type. */
    static IndexKey indexEntry(IndexDefinition index, Map<String, AttributeValue> item, IndexKey tableKey) {
        KeySchema keys = index.keys();
        AttributeValue hash = item.get(keys.hashName());
        if (hash == null || !hash.type().equals(keys.hashType()) || isEmptyScalar(hash)) {
            return null;
        }
        AttributeValue range = null;
        if (keys.hasRange()) {
            range = item.get(keys.rangeName());
            if (range == null || !range.type().equals(keys.rangeType()) || isEmptyScalar(range)) {
                return null;
            }
        }
        return IndexKey.indexEntry(hash, range, tableKey);
    }

    /** Installs a new definition; new global indexes are backfilled from the items, dropped ones forgotten. */
    void redefine(TableDefinition newDefinition) {
        Map<String, ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>>> maps = new HashMap<>();
        for (IndexDefinition index : newDefinition.indexes()) {
            ConcurrentSkipListMap<IndexKey, Map<String, AttributeValue>> existing = indexes.get(index.name());
            if (existing == null) {
                existing = new ConcurrentSkipListMap<>();
                for (Map.Entry<IndexKey, Map<String, AttributeValue>> e : items.entrySet()) {
                    IndexKey entry = indexEntry(index, e.getValue(), e.getKey());
                    if (entry != null) {
                        existing.put(entry, e.getValue());
                    }
                }
            }
            maps.put(index.name(), existing);
        }
        this.indexes = maps;
        this.definition = newDefinition;
    }

    /** Empty string/binary index key values keep an item out of an index as well. */
    static boolean isEmptyScalar(AttributeValue v) {
        return (v instanceof AttributeValue.S s && s.value().isEmpty())
                || (v instanceof AttributeValue.B b && b.value().length() == 0);
    }
}
