package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.LegacyParameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.expr.KeyCondition;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.table.KeySchema;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

public final class Query implements Operation {
    private final Database database;

    public Query(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        Integer limit = Scan.limit(request);
        Capacity capacity = new Capacity(request);
        ExpressionContext expressions = Expressions.context(request,
                "ProjectionExpression", "FilterExpression", "KeyConditionExpression");
        String keyText = request.string("KeyConditionExpression");
        JsonNode legacyKeyConditions = request.get("KeyConditions");
        if (keyText == null && legacyKeyConditions == null) {
            throw DynamoDbException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        List<KeyCondition> conditions = keyText != null ? expressions.keyConditions(keyText)
                : LegacyParameters.keyConditions(legacyKeyConditions);
        ConditionExpression filter = Expressions.filter(request, expressions, "QueryFilter");
        ProjectionExpression projection = Expressions.projection(request, expressions);
        expressions.checkAllUsed();
        boolean forward = request.bool("ScanIndexForward", true);
        Map<String, AttributeValue> exclusiveStartKey = request.item("ExclusiveStartKey");

        ReadTarget target = new ReadTarget(database.table(tableName), request, projection, "Querying");
        KeySchema keys = target.keys();
        KeyCondition hashCondition = null;
        KeyCondition rangeCondition = null;
        for (KeyCondition condition : conditions) {
            if (condition.attributeName().equals(keys.hashName())) {
                if (condition.op() != KeyCondition.Op.EQ || hashCondition != null) {
                    throw DynamoDbException.validation("Query key condition not supported");
                }
                hashCondition = condition;
            } else if (keys.hasRange() && condition.attributeName().equals(keys.rangeName()) && rangeCondition == null) {
                rangeCondition = condition;
            } else if (keys.hasRange()) {
                throw DynamoDbException.validation("Query condition missed key schema element: " + keys.rangeName());
            } else {
                throw DynamoDbException.validation("Query key condition not supported");
            }
        }
        if (hashCondition == null) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + keys.hashName());
        }
        if (filter != null) {
            for (String attribute : filter.topLevelAttributes()) {
                if (attribute.equals(keys.hashName()) || keys.hasRange() && attribute.equals(keys.rangeName())) {
                    throw DynamoDbException.validation(request.has("QueryFilter")
                            ? "QueryFilter can only contain non-key attributes: Primary key attribute: " + attribute
                            : "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + attribute);
                }
            }
        }
        AttributeValue hash = hashCondition.operands().get(0);
        checkOperandTypes(hashCondition, keys.hashType());
        if (rangeCondition != null) {
            checkOperandTypes(rangeCondition, keys.rangeType());
        }
        IndexKey start = null;
        if (exclusiveStartKey != null) {
            start = target.startPosition(exclusiveStartKey);
            if (!AttributeValues.equal(exclusiveStartKey.get(keys.hashName()), hash)) {
                throw DynamoDbException.validation(
                        "The provided starting key is outside query boundaries based on provided conditions");
            }
            if (rangeCondition != null && !rangeCondition.matches(exclusiveStartKey.get(keys.rangeName()))) {
                throw DynamoDbException.validation("The provided starting key does not match the range key predicate");
            }
        }

        IndexKey low = IndexKey.partitionBound(hash, IndexKey.BEFORE);
        IndexKey high = IndexKey.partitionBound(hash, IndexKey.AFTER);
        Predicate<Map<String, AttributeValue>> keyMatch = null;
        if (rangeCondition != null) {
            List<AttributeValue> operands = rangeCondition.operands();
            AttributeValue first = operands.get(0);
            switch (rangeCondition.op()) {
                case EQ -> {
                    low = IndexKey.rangeBound(hash, first, IndexKey.BEFORE);
                    high = IndexKey.rangeBound(hash, first, IndexKey.AFTER);
                }
                case LT -> high = IndexKey.rangeBound(hash, first, IndexKey.BEFORE);
                case LE -> high = IndexKey.rangeBound(hash, first, IndexKey.AFTER);
                case GT -> low = IndexKey.rangeBound(hash, first, IndexKey.AFTER);
                case GE -> low = IndexKey.rangeBound(hash, first, IndexKey.BEFORE);
                case BETWEEN -> {
                    AttributeValue second = operands.get(1);
                    if (AttributeValues.compareKeys(first, second) > 0) {
                        throw DynamoDbException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires "
                                + "upper bound to be greater than or equal to lower bound; lower operand: "
                                + describe(first) + ", upper operand: " + describe(second));
                    }
                    low = IndexKey.rangeBound(hash, first, IndexKey.BEFORE);
                    high = IndexKey.rangeBound(hash, second, IndexKey.AFTER);
                }
                case BEGINS_WITH -> {
                    low = IndexKey.rangeBound(hash, first, IndexKey.BEFORE);
                    String rangeName = keys.rangeName();
                    KeyCondition prefix = rangeCondition;
                    keyMatch = item -> prefix.matches(item.get(rangeName));
                }
            }
        }
        NavigableMap<IndexKey, Slot> view = PageReader.range(target.entries, low, high, start, forward);

        out.writeStartObject();
        PageReader.read(target, view, keyMatch, filter, limit, capacity, out);
        capacity.writeSingle(out, tableName);
        out.writeEndObject();
    }

    private static void checkOperandTypes(KeyCondition condition, String type) {
        for (AttributeValue operand : condition.operands()) {
            if (!operand.type().equals(type)) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
        if (condition.op() == KeyCondition.Op.BEGINS_WITH && "N".equals(type)) {
            throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: N");
        }
    }

    private static String describe(AttributeValue v) {
        return "AttributeValue: {" + v.type() + ":" + (v instanceof AttributeValue.B b ? b.value().toBase64()
                : v instanceof AttributeValue.S s ? s.value() : v.toString()) + "}";
    }
}
