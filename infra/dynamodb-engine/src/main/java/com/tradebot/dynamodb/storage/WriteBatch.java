package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The changes of one write (single item or transaction), applied together only when the whole write succeeded. */
public final class WriteBatch {
    private record Change(TableData table, IndexKey key, Slot slot, Map<String, AttributeValue> oldItem,
                          Map<String, AttributeValue> newItem) {
    }

    private final List<Change> changes = new ArrayList<>(1);

    WriteBatch() {
    }

    /** Stores newItem (or deletes the item when newItem is null) at key; oldItem is what is stored there now. */
    public void put(TableData table, IndexKey key, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        changes.add(new Change(table, key, null, oldItem, newItem));
    }

    /**
     * As {@link #put(TableData, IndexKey, Map, Map)}, with the item's slot as {@link TableData#slot} gave it in this same
     * lock hold (null when there was no item); one batch must not change the same key twice this way.
     */
    public void put(TableData table, IndexKey key, Slot slot, Map<String, AttributeValue> oldItem,
                    Map<String, AttributeValue> newItem) {
        changes.add(new Change(table, key, slot, oldItem, newItem));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Applies the changes to the in-memory tables (under the database's write lock). */
    void applyToMemory() {
        for (Change c : changes) {
            if (c.oldItem != null || c.newItem != null) {
                c.table.apply(c.key, c.slot, c.oldItem, c.newItem);
            }
        }
    }

    /** Writes the changes' durable form (by the group committer, after {@link #applyToMemory}). */
    void persistTo(Persistence persistence) {
        for (Change c : changes) {
            if (c.oldItem == null && c.newItem == null) {
                continue;
            }
            Map<String, AttributeValue> keyAttributes = Items.keyAttributes(c.table.definition().keys(),
                    c.newItem != null ? c.newItem : c.oldItem);
            if (c.newItem != null) {
                persistence.putItem(c.table.definition(), keyAttributes, c.newItem);
            } else {
                persistence.deleteItem(c.table.definition(), keyAttributes);
            }
        }
    }
}
