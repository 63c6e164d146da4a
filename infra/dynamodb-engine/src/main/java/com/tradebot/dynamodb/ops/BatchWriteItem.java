package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.StoredItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Up to 25 puts and deletes over several tables, all validated first; this engine always processes them all. */
public final class BatchWriteItem implements Operation {
    static final int MAX_WRITES = 25;

    private final Database database;

    public BatchWriteItem(Database database) {
        this.database = database;
    }

    /** A put (item != null) or delete (key != null). */
    private record Write(String table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
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
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : requestItems.properties()) {
            request.checkName("RequestItems", e.getKey());
            if (e.getValue().isArray() && e.getValue().size() > MAX_WRITES) {
                throw request.constraint("RequestItems", requestItems, "Map value must satisfy constraint: [Member must "
                        + "have length less than or equal to 25, Member must have length greater than or equal to 1]");
            }
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw request.constraint("RequestItems", requestItems,
                        "Map value must satisfy constraint: [Member must have length greater than or equal to 1]");
            }
            for (JsonNode writeNode : e.getValue()) {
                Request write = request.wrap(writeNode, "RequestItems." + e.getKey() + ".member");
                Request put = write.nested("PutRequest");
                Request delete = write.nested("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw DynamoDbException.validation(
                            "A write request must contain exactly one of PutRequest or DeleteRequest");
                }
                if (put != null) {
                    Map<String, AttributeValue> item = put.requiredItem("Item");
                    writes.add(new Write(e.getKey(), StoredItem.of(item), null));
                } else {
                    Map<String, AttributeValue> key = delete.requiredItem("Key");
                    writes.add(new Write(e.getKey(), null, key));
                }
                if (writes.size() > MAX_WRITES) {
                    throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
                }
            }
        }

        database.write(batch -> {
            Map<String, Set<IndexKey>> seen = new HashMap<>();
            List<IndexKey> positions = new ArrayList<>(writes.size());
            for (Write w : writes) {
                TableData table = database.table(w.table());
                IndexKey key = w.item() != null ? KeyValidation.item(table.definition(), w.item())
                        : KeyValidation.key(table.definition(), w.key());
                if (!seen.computeIfAbsent(w.table(), t -> new HashSet<>()).add(key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                positions.add(key);
            }
            for (int i = 0; i < writes.size(); i++) {
                Write w = writes.get(i);
                TableData table = database.table(w.table());
                Map<String, AttributeValue> current = table.get(positions.get(i));
                if (w.item() != null || current != null) {
                    batch.put(table, positions.get(i), current, w.item());
                }
                capacity.write(table.definition(), current, w.item(), 1);
            }
            return null;
        });

        out.writeStartObject();
        out.writeObjectFieldStart("UnprocessedItems");
        out.writeEndObject();
        capacity.writeList(out);
        out.writeEndObject();
    }
}
