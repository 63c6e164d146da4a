package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.List;
import java.util.Map;

/** The durable copy of the database. Called under the database's write lock; {@link #commit()} before acknowledging. */
interface Persistence extends AutoCloseable {

    record StoredTable(TableDefinition definition, List<Map<String, AttributeValue>> items) {
    }

    List<StoredTable> load();

    void saveTable(TableDefinition definition);

    void dropTable(TableDefinition definition);

    void putItem(TableDefinition table, Map<String, AttributeValue> key, Map<String, AttributeValue> item);

    void deleteItem(TableDefinition table, Map<String, AttributeValue> key);

    void commit();

    /** False for the in-memory mode, whose put/delete calls do nothing (so callers need not prepare their arguments). */
    default boolean durable() {
        return true;
    }

    @Override
    void close();

    /** In-memory mode: nothing to keep. */
    Persistence NONE = new Persistence() {
        public List<StoredTable> load() {
            return List.of();
        }

        public void saveTable(TableDefinition definition) {
        }

        public void dropTable(TableDefinition definition) {
        }

        public void putItem(TableDefinition table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        }

        public void deleteItem(TableDefinition table, Map<String, AttributeValue> key) {
        }

        public void commit() {
        }

        @Override
        public boolean durable() {
            return false;
        }

        public void close() {
        }
    };
}
