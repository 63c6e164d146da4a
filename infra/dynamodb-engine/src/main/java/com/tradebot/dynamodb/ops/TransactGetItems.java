package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;
import com.tradebot.dynamodb.value.AttributeValues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Up to 100 Gets read together under the write lock, so no write is seen half-applied. */
public final class TransactGetItems implements Operation {
    private final Database database;

    public TransactGetItems(Database database) {
        this.database = database;
    }

    private record Get(String table, Map<String, AttributeValue> key, ProjectionExpression projection) {
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        JsonNode itemsNode = request.array("TransactItems");
        if (itemsNode == null) {
            throw request.constraint("TransactItems", null, "Member must not be null");
        }
        if (itemsNode.isEmpty() || itemsNode.size() > TransactWriteItems.MAX_ACTIONS) {
            throw request.constraint("TransactItems", itemsNode.size() + " actions", itemsNode.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 100");
        }
        Capacity capacity = new Capacity(request);
        List<Get> gets = new ArrayList<>();
        for (JsonNode node : itemsNode) {
            Request get = request.wrap(node, "TransactItems.member").nested("Get");
            if (get == null) {
                throw DynamoDbException.validation("TransactItems can only contain Get actions");
            }
            String table = get.tableName("TableName");
            Map<String, AttributeValue> key = get.requiredItem("Key");
            ExpressionContext expressions = Expressions.context(get, "ProjectionExpression");
            ProjectionExpression projection = Expressions.projection(get, expressions);
            expressions.checkAllUsed();
            gets.add(new Get(table, key, projection));
        }
        List<Map<String, AttributeValue>> items = database.isolatedRead(() -> {
            List<IndexKey> positions = new ArrayList<>();
            for (Get get : gets) {
                positions.add(KeyValidation.key(database.table(get.table()).definition(), get.key()));
            }
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (int i = 0; i < gets.size(); i++) {
                TableData table = database.table(gets.get(i).table());
                found.add(table.get(positions.get(i)));
            }
            return found;
        });
        out.writeStartObject();
        out.writeArrayFieldStart("Responses");
        for (int i = 0; i < gets.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            Get get = gets.get(i);
            capacity.read(get.table(), null, false,
                    2 * Capacity.readUnits(item == null ? 0 : AttributeValues.itemSize(item), true));
            out.writeStartObject();
            if (item != null) {
                out.writeFieldName("Item");
                AttributeValueJson.writeItem(out, get.projection() == null ? item : get.projection().apply(item));
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        capacity.writeList(out);
        out.writeEndObject();
    }
}
