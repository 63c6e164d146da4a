package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Json;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;
import com.tradebot.dynamodb.value.AttributeValues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Up to 100 keys over several tables; keys beyond the 16 MB response limit come back as UnprocessedKeys. */
public final class BatchGetItem implements Operation {
    static final int MAX_KEYS = 100;
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final Database database;

    public BatchGetItem(Database database) {
        this.database = database;
    }

    private record TableRequest(String name, JsonNode rawRequest, List<Map<String, AttributeValue>> keys,
                                ProjectionExpression projection, boolean consistent) {
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null) {
            throw request.constraint("RequestItems", null, "Member must not be null");
        }
        if (!requestItems.isObject() || requestItems.isEmpty()) {
            throw request.constraint("RequestItems", requestItems, "Member must have length greater than or equal to 1");
        }
        Capacity capacity = new Capacity(request);
        List<TableRequest> tables = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> e : requestItems.properties()) {
            request.checkName("RequestItems", e.getKey());
            Request tableRequest = request.wrap(e.getValue(), "RequestItems." + e.getKey() + ".member");
            JsonNode keysNode = tableRequest.array("Keys");
            if (keysNode == null || keysNode.isEmpty()) {
                throw tableRequest.constraint("Keys", keysNode == null ? null : "[]",
                        keysNode == null ? "Member must not be null" : "Member must have length greater than or equal to 1");
            }
            if (keysNode.size() > MAX_KEYS) {
                throw tableRequest.constraint("Keys", keysNode, "Member must have length less than or equal to 100");
            }
            total += keysNode.size();
            if (total > MAX_KEYS) {
                throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
            }
            ExpressionContext expressions = Expressions.context(tableRequest, "ProjectionExpression");
            ProjectionExpression projection = Expressions.projection(tableRequest, expressions);
            expressions.checkAllUsed();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (JsonNode key : keysNode) {
                keys.add(AttributeValueJson.readItem(key));
            }
            tables.add(new TableRequest(e.getKey(), e.getValue(), keys, projection,
                    tableRequest.bool("ConsistentRead", false)));
        }
        // every table and key is checked before anything is read
        List<List<IndexKey>> positions = new ArrayList<>();
        for (TableRequest t : tables) {
            TableData table = database.table(t.name());
            List<IndexKey> keys = new ArrayList<>();
            Set<IndexKey> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : t.keys()) {
                IndexKey position = KeyValidation.key(table.definition(), key);
                if (!seen.add(position)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(position);
            }
            positions.add(keys);
        }

        long responseBytes = 0;
        Map<TableRequest, List<Map<String, AttributeValue>>> unprocessed = new LinkedHashMap<>();
        out.writeStartObject();
        out.writeObjectFieldStart("Responses");
        for (int i = 0; i < tables.size(); i++) {
            TableRequest t = tables.get(i);
            TableData table = database.table(t.name());
            out.writeArrayFieldStart(t.name());
            List<IndexKey> keys = positions.get(i);
            for (int k = 0; k < keys.size(); k++) {
                if (responseBytes >= MAX_RESPONSE_BYTES) {
                    unprocessed.computeIfAbsent(t, x -> new ArrayList<>()).add(t.keys().get(k));
                    continue;
                }
                Map<String, AttributeValue> item = table.get(keys.get(k));
                long size = item == null ? 0 : AttributeValues.itemSize(item);
                capacity.read(t.name(), null, false, Capacity.readUnits(size, t.consistent()));
                if (item != null) {
                    Map<String, AttributeValue> returned = t.projection() == null ? item : t.projection().apply(item);
                    responseBytes += AttributeValues.itemSize(returned);
                    AttributeValueJson.writeItem(out, returned);
                }
            }
            out.writeEndArray();
        }
        out.writeEndObject();
        out.writeObjectFieldStart("UnprocessedKeys");
        for (Map.Entry<TableRequest, List<Map<String, AttributeValue>>> e : unprocessed.entrySet()) {
            writeUnprocessed(out, e.getKey(), e.getValue());
        }
        out.writeEndObject();
        capacity.writeList(out);
        out.writeEndObject();
    }

    /** The table's original request with only the keys that were not read. */
    private static void writeUnprocessed(JsonGenerator out, TableRequest t, List<Map<String, AttributeValue>> keys)
            throws IOException {
        out.writeObjectFieldStart(t.name());
        for (Map.Entry<String, JsonNode> field : t.rawRequest().properties()) {
            if (!"Keys".equals(field.getKey())) {
                out.writeFieldName(field.getKey());
                Json.write(out, field.getValue());
            }
        }
        out.writeArrayFieldStart("Keys");
        for (Map<String, AttributeValue> key : keys) {
            AttributeValueJson.writeItem(out, key);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
