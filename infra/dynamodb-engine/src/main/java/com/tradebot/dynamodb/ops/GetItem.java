package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.util.Map;

public final class GetItem implements Operation {
    private final Database database;

    public GetItem(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        Map<String, AttributeValue> keyAttributes = request.requiredItem("Key");
        boolean consistent = request.bool("ConsistentRead", false);
        Capacity capacity = new Capacity(request);
        ExpressionContext expressions = Expressions.context(request, "ProjectionExpression");
        ProjectionExpression projection = Expressions.projection(request, expressions);
        expressions.checkAllUsed();

        TableData table = database.table(tableName);
        IndexKey key = KeyValidation.key(table.definition(), keyAttributes);
        Map<String, AttributeValue> item = database.consistentRead(() -> table.get(key));
        if (capacity.wanted()) { // sizing the item is a walk over all of it: only when the units are asked for
            capacity.read(tableName, null, false,
                    Capacity.readUnits(item == null ? 0 : AttributeValues.itemSize(item), consistent));
        }

        out.writeStartObject();
        if (item != null) {
            out.writeFieldName("Item");
            AttributeValueJson.writeItem(out, projection == null ? item : projection.apply(item));
        }
        capacity.writeSingle(out, tableName);
        out.writeEndObject();
    }
}
