package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.StoredItem;

import java.io.IOException;
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
        Map<String, AttributeValue> stored = StoredItem.of(item);

        // validated before taking the write lock, so that the lock is held for less; checked again under it only if
        // the table was deleted, re-created or redefined (UpdateTable) meanwhile
        TableData validatedTable = database.table(tableName);
        TableDefinition validatedDefinition = validatedTable.definition();
        IndexKey validatedKey = KeyValidation.item(validatedDefinition, stored);

        Map<String, AttributeValue> old = database.write(batch -> {
            TableData table = database.table(tableName);
            IndexKey key = table == validatedTable && table.definition() == validatedDefinition
                    ? validatedKey : KeyValidation.item(table.definition(), stored);
            Slot slot = table.slot(key);
            Map<String, AttributeValue> current = slot == null ? null : slot.item();
            Expressions.requireCondition(condition, current, itemOnFailure);
            batch.put(table, key, slot, current, stored);
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
