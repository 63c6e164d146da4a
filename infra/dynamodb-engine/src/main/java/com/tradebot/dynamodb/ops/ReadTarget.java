package com.tradebot.dynamodb.ops;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.storage.Items;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.IndexDefinition;
import com.tradebot.dynamodb.table.KeySchema;
import com.tradebot.dynamodb.table.Projection;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** What a Query or Scan reads (the table or one of its indexes) and which attributes it returns (Select). */
final class ReadTarget {
    static final String ALL_ATTRIBUTES = "ALL_ATTRIBUTES";
    static final String ALL_PROJECTED_ATTRIBUTES = "ALL_PROJECTED_ATTRIBUTES";
    static final String SPECIFIC_ATTRIBUTES = "SPECIFIC_ATTRIBUTES";
    static final String COUNT = "COUNT";
    private static final List<String> SELECTS = List.of(SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES);

    final TableData table;
    final TableDefinition definition;
    final IndexDefinition index;          // null for the table itself
    final NavigableMap<IndexKey, Slot> entries;
    final String select;
    final ProjectionExpression projection;
    final boolean consistent;

    ReadTarget(TableData table, Request request, ProjectionExpression projection, String operation) {
        this.table = table;
        this.definition = table.definition();
        String indexName = request.string("IndexName");
        if (indexName != null) {
            request.checkName("IndexName", indexName);
            index = definition.index(indexName);
            if (index == null) {
                throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
            }
            entries = table.index(indexName);
        } else {
            index = null;
            entries = table.items();
        }
        consistent = request.bool("ConsistentRead", false);
        if (consistent && index != null && index.global()) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        String requested = request.enumValue("Select", SELECTS);
        this.projection = projection;
        if (requested == null) {
            requested = projection != null ? SPECIFIC_ATTRIBUTES : index != null ? ALL_PROJECTED_ATTRIBUTES : ALL_ATTRIBUTES;
        } else if (projection != null && !SPECIFIC_ATTRIBUTES.equals(requested)) {
            throw DynamoDbException.validation("Cannot specify the ProjectionExpression when choosing to get "
                    + requested);
        } else if (projection == null && SPECIFIC_ATTRIBUTES.equals(requested)) {
            throw DynamoDbException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing "
                    + "to get SPECIFIC_ATTRIBUTES");
        }
        if (ALL_PROJECTED_ATTRIBUTES.equals(requested) && index == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ALL_PROJECTED_ATTRIBUTES can "
                    + "be used only when " + operation + " using an IndexName");
        }
        if (ALL_ATTRIBUTES.equals(requested) && index != null && index.global() && !index.projection().isAll()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                    + "not supported for global secondary index " + index.name()
                    + " because its projection type is not ALL");
        }
        if (SPECIFIC_ATTRIBUTES.equals(requested) && index != null && index.global() && !index.projection().isAll()) {
            // a global index holds only its projection: asking it for more is an error, not a silent omission
            for (String name : projection.topLevelAttributes()) {
                if (!isProjected(name)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Global secondary "
                            + "index " + index.name() + " does not project the requested attribute " + name);
                }
            }
        }
        this.select = requested;
    }

    private boolean isProjected(String name) {
        return definition.keys().isKeyAttribute(name) || index.keys().isKeyAttribute(name)
                || (index.projection().nonKeyAttributes() != null && index.projection().nonKeyAttributes().contains(name));
    }

    KeySchema keys() {
        return index == null ? definition.keys() : index.keys();
    }

    boolean countOnly() {
        return COUNT.equals(select);
    }

    /** The attributes of a stored item that this read can see (an index's projection). */
    Map<String, AttributeValue> visible(Map<String, AttributeValue> item) {
        // a local index fetches attributes outside its projection from the table, unless only projected ones are asked for
        if (index == null || index.projection().isAll() || (!index.global() && !ALL_PROJECTED_ATTRIBUTES.equals(select))) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            String name = e.getKey();
            if (definition.keys().isKeyAttribute(name) || index.keys().isKeyAttribute(name)
                    || (index.projection().nonKeyAttributes() != null && index.projection().nonKeyAttributes().contains(name))) {
                projected.put(name, e.getValue());
            }
        }
        return projected;
    }

    /** What goes into the response for an item that passed the filter. */
    Map<String, AttributeValue> returned(Map<String, AttributeValue> visibleItem) {
        return projection == null ? visibleItem : projection.apply(visibleItem);
    }

    /** LastEvaluatedKey: the table key plus, for an index, the index key. */
    Map<String, AttributeValue> lastEvaluatedKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Items.keyAttributes(definition.keys(), item);
        if (index != null) {
            key.putAll(Items.keyAttributes(index.keys(), item));
        }
        return key;
    }

    /** The position after which an ExclusiveStartKey resumes. */
    IndexKey startPosition(Map<String, AttributeValue> exclusiveStartKey) {
        int expected = definition.keys().hasRange() ? 2 : 1;
        IndexKey tableKey;
        try {
            tableKey = KeyValidation.key(definition, Items.keyAttributes(definition.keys(), exclusiveStartKey));
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("The provided starting key is invalid: " + e.getMessage());
        }
        if (index == null) {
            if (exclusiveStartKey.size() != expected) {
                throw DynamoDbException.validation("The provided starting key is invalid: "
                        + "The provided key element does not match the schema");
            }
            return tableKey;
        }
        KeySchema keys = index.keys();
        java.util.Set<String> keyNames = new java.util.HashSet<>(Items.keyAttributes(definition.keys(), exclusiveStartKey).keySet());
        keyNames.add(keys.hashName());
        if (keys.hasRange()) {
            keyNames.add(keys.rangeName());
        }
        if (!keyNames.containsAll(exclusiveStartKey.keySet())) {
            // only the table's and the index's key attributes may be given (what LastEvaluatedKey holds)
            throw DynamoDbException.validation("The provided starting key is invalid: "
                    + "The provided key element does not match the schema");
        }
        AttributeValue hash = exclusiveStartKey.get(keys.hashName());
        AttributeValue range = keys.hasRange() ? exclusiveStartKey.get(keys.rangeName()) : null;
        if (hash == null || !hash.type().equals(keys.hashType())
                || (keys.hasRange() && (range == null || !range.type().equals(keys.rangeType())))) {
            throw DynamoDbException.validation("The provided starting key is invalid: "
                    + "The provided key element does not match the schema");
        }
        return IndexKey.indexEntry(hash, range, tableKey);
    }
}
