package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.LegacyParameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.expr.UpdateExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;
import com.tradebot.dynamodb.value.StoredItem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

public final class UpdateItem implements Operation {
    private final Database database;

    public UpdateItem(Database database) {
        this.database = database;
    }

    /** The outcome of applying an update to the current item. */
    record Result(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        Map<String, AttributeValue> keyAttributes = request.requiredItem("Key");
        String returnValues = ReturnValues.any(request);
        boolean itemOnFailure = ReturnValues.itemOnConditionFailure(request);
        Capacity capacity = new Capacity(request);
        ExpressionContext expressions = Expressions.context(request, "UpdateExpression", "ConditionExpression");
        String updateText = request.string("UpdateExpression");
        JsonNode attributeUpdates = request.get("AttributeUpdates");
        UpdateExpression update = updateText != null ? expressions.update(updateText)
                : attributeUpdates != null ? LegacyParameters.attributeUpdates(attributeUpdates) : null;
        ConditionExpression condition = Expressions.conditionOrExpected(request, expressions);
        expressions.checkAllUsed();

        Result result = database.write(batch -> {
            TableData table = database.table(tableName);
            IndexKey key = KeyValidation.key(table.definition(), keyAttributes);
            Map<String, AttributeValue> current = table.get(key);
            Expressions.requireCondition(condition, current, itemOnFailure);
            Map<String, AttributeValue> updated = apply(table.definition(), keyAttributes, current, update);
            if (updated != null) {
                batch.put(table, key, current, updated);
            }
            capacity.write(table.definition(), current, updated, 1);
            return new Result(current, updated);
        });

        out.writeStartObject();
        ReturnValues.writeAttributes(out, returned(returnValues, update, result));
        capacity.writeSingle(out, tableName);
        out.writeEndObject();
    }

    /**
     * The item after the update, or null when nothing is to be stored: an update of a missing item that only
     * removes attributes does not create it.
     */
    static Map<String, AttributeValue> apply(TableDefinition table, Map<String, AttributeValue> keyAttributes,
                                             Map<String, AttributeValue> current, UpdateExpression update) {
        if (update != null) {
            for (String attribute : update.topLevelAttributes()) {
                if (table.keys().isKeyAttribute(attribute)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                            + attribute + ". This attribute is part of the key");
                }
            }
        }
        Map<String, AttributeValue> base = current;
        if (base == null) {
            base = new LinkedHashMap<>(keyAttributes);
        }
        Map<String, AttributeValue> updated = update == null ? base
                // a new item: DynamoDB ignores a REMOVE of a nested path instead of failing on it
                : current == null ? update.applyToNewItem(keyAttributes) : update.apply(base);
        if (current == null && update != null && updated.size() == keyAttributes.size()) {
            return null;
        }
        KeyValidation.checkIndexKeys(table, updated);
        if (AttributeValues.itemSize(updated) > KeyValidation.MAX_ITEM_SIZE) {
            throw DynamoDbException.validation("Item size to update has exceeded the maximum allowed size");
        }
        return StoredItem.of(updated);
    }

    static Map<String, AttributeValue> returned(String returnValues, UpdateExpression update, Result result) {
        switch (returnValues) {
            case ReturnValues.ALL_OLD:
                return result.oldItem();
            case ReturnValues.ALL_NEW:
                return result.newItem();
            case ReturnValues.UPDATED_OLD:
                return result.oldItem() == null || update == null ? null : update.projectUpdated(result.oldItem());
            case ReturnValues.UPDATED_NEW:
                return result.newItem() == null || update == null ? null : update.projectUpdated(result.newItem());
            default:
                return null;
        }
    }
}
