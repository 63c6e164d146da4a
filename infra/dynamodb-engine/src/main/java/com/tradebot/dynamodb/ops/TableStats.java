package com.tradebot.dynamodb.ops;

import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinitionJson;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.util.Map;
import java.util.NavigableMap;

/** Item counts and sizes for DescribeTable, computed on demand (DescribeTable is rare; writes stay cheap). */
final class TableStats implements TableDefinitionJson.Stats {
    private final TableData table;

    TableStats(TableData table) {
        this.table = table;
    }

    @Override
    public long itemCount(String indexName) {
        if (indexName == null) {
            return table.itemCount();
        }
        NavigableMap<?, ?> index = table.index(indexName);
        return index == null ? 0 : index.size();
    }

    @Override
    public long sizeBytes(String indexName) {
        NavigableMap<?, Slot> entries = indexName == null ? table.items() : table.index(indexName);
        long sum = 0;
        if (entries != null) {
            for (Slot slot : entries.values()) {
                sum += AttributeValues.itemSize(slot.item());
            }
        }
        return sum;
    }
}
