package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.value.AttributeValue;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

public final class PutItem implements Operation {
    private final Database database;

    public PutItem(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        Map<String, AttributeValue> item = request.requiredItem("Item");
        String returnValues = ReturnValues.oldOrNone(request);
        boolean itemOnFailure = ReturnValues.itemOnConditionFailure(request);
        Capacity capacity = new Capacity(request);
        ExpressionContext expressions = Expressions.context(request, "ConditionExpression");
        ConditionExpression condition = Expressions.conditionOrExpected(request, expressions);
        expressions.checkAllUsed();
        Map<String, AttributeValue> stored = Collections.unmodifiableMap(item);

        Map<String, AttributeValue> old = database.write(batch -> {
            TableData table = database.table(tableName);
            IndexKey key = KeyValidation.item(table.definition(), stored);
            Map<String, AttributeValue> current = table.get(key);
            Expressions.requireCondition(condition, current, itemOnFailure);
            batch.put(table, key, current, stored);
            capacity.write(table.definition(), current, stored, 1);
            return current;
        });

        out.writeStartObject();
        if (ReturnValues.ALL_OLD.equals(returnValues)) {
            ReturnValues.writeAttributes(out, old);
        }
        capacity.writeSingle(out, tableName);
        out.writeEndObject();
    }
}
