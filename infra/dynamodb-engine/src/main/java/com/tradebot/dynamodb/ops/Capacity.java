package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.table.IndexDefinition;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ReturnConsumedCapacity: plausible capacity units (writes 1 per KB, reads 1 per 4 KB, eventually consistent
 * reads half, transactions double), per table and, with INDEXES, per index.
 */
final class Capacity {
    private static final List<String> MODES = List.of("INDEXES", "TOTAL", "NONE");

    private final String mode;
    private final Map<String, Usage> tables = new LinkedHashMap<>();

    private static final class Usage {
        double table;
        final Map<String, Double> globalIndexes = new LinkedHashMap<>();
        final Map<String, Double> localIndexes = new LinkedHashMap<>();

        double total() {
            double sum = table;
            for (double v : globalIndexes.values()) {
                sum += v;
            }
            for (double v : localIndexes.values()) {
                sum += v;
            }
            return sum;
        }
    }

    Capacity(Request request) {
        String value = request.enumValue("ReturnConsumedCapacity", MODES);
        this.mode = value == null ? "NONE" : value;
    }

    boolean wanted() {
        return !"NONE".equals(mode);
    }

    static double writeUnits(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        long size = Math.max(oldItem == null ? 0 : AttributeValues.itemSize(oldItem),
                newItem == null ? 0 : AttributeValues.itemSize(newItem));
        return Math.max(1, Math.ceil(size / 1024.0));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    /** Records a write of one item, and of the indexes it touches. */
    void write(TableDefinition table, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem, double factor) {
        if (!wanted()) {
            return;
        }
        double units = writeUnits(oldItem, newItem) * factor;
        Usage usage = tables.computeIfAbsent(table.name(), n -> new Usage());
        usage.table += units;
        for (IndexDefinition index : table.indexes()) {
            if (touches(index, oldItem) || touches(index, newItem)) {
                (index.global() ? usage.globalIndexes : usage.localIndexes).merge(index.name(), units, Double::sum);
            }
        }
    }

    void read(String tableName, String indexName, boolean global, double units) {
        if (!wanted()) {
            return;
        }
        Usage usage = tables.computeIfAbsent(tableName, n -> new Usage());
        if (indexName == null) {
            usage.table += units;
        } else {
            (global ? usage.globalIndexes : usage.localIndexes).merge(indexName, units, Double::sum);
        }
    }

    private static boolean touches(IndexDefinition index, Map<String, AttributeValue> item) {
        return item != null && item.containsKey(index.keys().hashName())
                && (!index.keys().hasRange() || item.containsKey(index.keys().rangeName()));
    }

    /** "ConsumedCapacity": {...} for single-table operations. */
    void writeSingle(JsonGenerator g, String tableName) throws IOException {
        if (!wanted()) {
            return;
        }
        g.writeFieldName("ConsumedCapacity");
        writeOne(g, tableName, tables.computeIfAbsent(tableName, n -> new Usage()));
    }

    /** "ConsumedCapacity": [...] for batch and transaction operations. */
    void writeList(JsonGenerator g) throws IOException {
        if (!wanted()) {
            return;
        }
        g.writeArrayFieldStart("ConsumedCapacity");
        for (Map.Entry<String, Usage> e : tables.entrySet()) {
            writeOne(g, e.getKey(), e.getValue());
        }
        g.writeEndArray();
    }

    private void writeOne(JsonGenerator g, String tableName, Usage usage) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", tableName);
        g.writeNumberField("CapacityUnits", usage.total());
        if ("INDEXES".equals(mode)) {
            g.writeObjectFieldStart("Table");
            g.writeNumberField("CapacityUnits", usage.table);
            g.writeEndObject();
            writeIndexes(g, "GlobalSecondaryIndexes", usage.globalIndexes);
            writeIndexes(g, "LocalSecondaryIndexes", usage.localIndexes);
        }
        g.writeEndObject();
    }

    private static void writeIndexes(JsonGenerator g, String field, Map<String, Double> indexes) throws IOException {
        if (indexes.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Double> e : indexes.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("CapacityUnits", e.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
