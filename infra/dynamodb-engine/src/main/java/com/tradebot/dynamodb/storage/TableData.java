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
    private final ConcurrentSkipListMap<IndexKey, Slot> items = new ConcurrentSkipListMap<>();
    /**
     * The same items by key, for GetItem and the read before every write: a hash lookup instead of a skip-list
     * descent (which showed as the largest single cost of a 4-put transaction in a profile). Updated together with
     * {@link #items} under the write lock; both hold the same {@link Slot} for an item, so replacing an item touches
     * neither map.
     */
    private final ConcurrentHashMap<IndexKey, Slot> byKey = new ConcurrentHashMap<>();
    private volatile Map<String, ConcurrentSkipListMap<IndexKey, Slot>> indexes;
    private volatile long itemCount;

    TableData(TableDefinition definition) {
        this.definition = definition;
        Map<String, ConcurrentSkipListMap<IndexKey, Slot>> maps = new HashMap<>();
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

    public NavigableMap<IndexKey, Slot> items() {
        return items;
    }

    /** The ordered entries of a secondary index, or null if there is no such index. */
    public NavigableMap<IndexKey, Slot> index(String indexName) {
        return indexes.get(indexName);
    }

    public long itemCount() {
        return itemCount;
    }

    public Map<String, AttributeValue> get(IndexKey key) {
        Slot slot = byKey.get(key);
        return slot == null ? null : slot.item();
    }

    /**
     * The slot of the item at key, or null: for a write that reads the item under the write lock and replaces it in
     * the same lock hold ({@link WriteBatch#put(TableData, IndexKey, Slot, Map, Map)}), so the replacement needs no
     * second hash lookup (a cache miss in a table of many items).
     */
    public Slot slot(IndexKey key) {
        return byKey.get(key);
    }

    /** The key of an item under this table's schema (the item is assumed validated). */
    public IndexKey keyOf(Map<String, AttributeValue> item) {
        KeySchema keys = definition.keys();
        return IndexKey.of(item.get(keys.hashName()), keys.hasRange() ? item.get(keys.rangeName()) : null);
    }

    /** Replaces (newItem != null) or removes the item at key, keeping every index in step. */
    void apply(IndexKey key, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        apply(key, null, oldItem, newItem);
    }

    /** As {@link #apply(IndexKey, Map, Map)}; {@code current} when not null is the slot at key now. */
    void apply(IndexKey key, Slot current, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        assert current == null || current == byKey.get(key) : "a slot read in another lock hold";
        if (newItem == null) {
            if (byKey.remove(key) != null) {
                items.remove(key);
                itemCount--;
            }
        } else {
            Slot slot = current != null ? current : byKey.get(key);
            if (slot != null) {
                slot.set(newItem);
            } else {
                slot = new Slot(newItem);
                items.put(key, slot);
                byKey.put(key, slot);
                itemCount++;
            }
        }
        for (IndexDefinition index : definition.indexes()) {
            ConcurrentSkipListMap<IndexKey, Slot> map = indexes.get(index.name());
            IndexKey oldEntry = oldItem == null ? null : indexEntry(index, oldItem, key);
            IndexKey newEntry = newItem == null ? null : indexEntry(index, newItem, key);
            if (oldEntry != null && (newEntry == null || !oldEntry.equals(newEntry))) {
                map.remove(oldEntry);
            }
            if (newEntry != null) {
                map.put(newEntry, new Slot(newItem));
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
        Map<String, ConcurrentSkipListMap<IndexKey, Slot>> maps = new HashMap<>();
        for (IndexDefinition index : newDefinition.indexes()) {
            ConcurrentSkipListMap<IndexKey, Slot> existing = indexes.get(index.name());
            if (existing == null) {
                existing = new ConcurrentSkipListMap<>();
                for (Map.Entry<IndexKey, Slot> e : items.entrySet()) {
                    Map<String, AttributeValue> item = e.getValue().item();
                    IndexKey entry = indexEntry(index, item, e.getKey());
                    if (entry != null) {
                        existing.put(entry, new Slot(item));
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
