package com.tradebot.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pre-expression ("legacy") parameters, translated into the trees the expression parsers build, so one
 * evaluator serves both: {@code Expected} and {@code QueryFilter}/{@code ScanFilter} (joined by
 * {@code ConditionalOperator}) become conditions, {@code KeyConditions} key conditions and
 * {@code AttributeUpdates} update actions. Operator semantics follow DynamoDB's API reference
 * (Condition, ExpectedAttributeValue, AttributeValueUpdate).
 */
public final class LegacyParameters {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final List<String> KEY_OPERATORS = List.of("EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN");

    private LegacyParameters() {
    }

    /** {@code Expected} of PutItem/UpdateItem/DeleteItem. */
    public static ConditionExpression expected(JsonNode expected, String conditionalOperator) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(expected, "Expected").properties()) {
            conditions.add(expectedCondition(entry.getKey(), entry.getValue()));
        }
        return join(conditions, conditionalOperator);
    }

    /** {@code QueryFilter} or {@code ScanFilter}: a map of attribute name to Condition. */
    public static ConditionExpression filter(JsonNode filter, String parameter, String conditionalOperator) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(filter, parameter).properties()) {
            JsonNode condition = entry.getValue();
            conditions.add(comparison(entry.getKey(), operator(condition), values(condition)));
        }
        return join(conditions, conditionalOperator);
    }

    /** {@code KeyConditions} of Query: EQ on the partition key, optionally one of seven operators on the sort key. */
    public static List<KeyCondition> keyConditions(JsonNode keyConditions) {
        List<KeyCondition> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(keyConditions, "KeyConditions").properties()) {
            String op = operator(entry.getValue());
            List<AttributeValue> values = values(entry.getValue());
            if (!KEY_OPERATORS.contains(op)) {
                throw DynamoDbException.validation(INVALID + "Unsupported operator on KeyCondition: " + op);
            }
            checkArity(op, values, op.equals("BETWEEN") ? 2 : 1);
            for (AttributeValue value : values) {
                checkScalar(op, value);
            }
            if (op.equals("BEGINS_WITH") && values.get(0) instanceof AttributeValue.N) {
                throw invalidType(op, values.get(0));
            }
            result.add(new KeyCondition(entry.getKey(), KeyCondition.Op.valueOf(op), values));
        }
        if (result.size() > 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
        return result;
    }

    /** {@code AttributeUpdates} of UpdateItem: PUT (default), ADD or DELETE per attribute. */
    public static UpdateExpression attributeUpdates(JsonNode updates) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(updates, "AttributeUpdates").properties()) {
            JsonNode update = entry.getValue();
            if (!update.isObject()) {
                throw DynamoDbException.serialization("Unexpected value type for AttributeUpdates: expected a structure");
            }
            Path path = new Path(List.of(new Path.Name(entry.getKey())));
            JsonNode actionNode = update.get("Action");
            String action = actionNode == null || actionNode.isNull() ? "PUT" : actionNode.asText();
            JsonNode valueNode = update.get("Value");
            AttributeValue value = valueNode == null || valueNode.isNull() ? null : AttributeValueJson.read(valueNode);
            switch (action) {
                case "PUT" -> {
                    if (value == null) {
                        throw DynamoDbException.validation(INVALID
                                + "Only DELETE action is allowed when no attribute value is specified");
                    }
                    actions.add(new UpdateAction.Set(path, new UpdateValue.Constant(value)));
                }
                case "DELETE" -> {
                    if (value == null) {
                        actions.add(new UpdateAction.Remove(path));
                    } else if (isSet(value)) {
                        actions.add(new UpdateAction.Delete(path, value));
                    } else {
                        throw DynamoDbException.validation(INVALID + "DELETE action with value is not supported for the type "
                                + value.type());
                    }
                }
                case "ADD" -> {
                    if (value == null) {
                        throw DynamoDbException.validation(INVALID
                                + "Only DELETE action is allowed when no attribute value is specified");
                    }
                    if (value instanceof AttributeValue.L) {
                        // legacy ADD appends to a list (creating it when missing); expressions spell this list_append
                        UpdateValue existing = new UpdateValue.IfNotExists(path,
                                new UpdateValue.Constant(new AttributeValue.L(List.of())));
                        actions.add(new UpdateAction.Set(path,
                                new UpdateValue.ListAppend(existing, new UpdateValue.Constant(value))));
                    } else if (value instanceof AttributeValue.N || isSet(value)) {
                        actions.add(new UpdateAction.Add(path, value));
                    } else {
                        throw DynamoDbException.validation(INVALID + "ADD action is not supported for the type "
                                + value.type());
                    }
                }
                default -> throw DynamoDbException.validation("1 validation error detected: Value '" + action
                        + "' at 'attributeUpdates." + entry.getKey() + ".member.action' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        return new ParsedUpdate(actions);
    }

    private static Condition expectedCondition(String name, JsonNode expected) {
        if (!expected.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for Expected: expected a structure");
        }
        JsonNode valueNode = expected.get("Value");
        JsonNode existsNode = expected.get("Exists");
        boolean hasValue = valueNode != null && !valueNode.isNull();
        Boolean exists = existsNode == null || existsNode.isNull() ? null
                : existsNode.isBoolean() ? existsNode.booleanValue() : Boolean.valueOf(existsNode.asText());
        boolean hasOperator = expected.hasNonNull("ComparisonOperator");
        if (hasOperator) {
            if (hasValue || exists != null) {
                throw DynamoDbException.validation(INVALID + "Value or Exists parameter cannot be used with "
                        + "ComparisonOperator; Attribute: " + name);
            }
            return comparison(name, operator(expected), values(expected));
        }
        if (expected.hasNonNull("AttributeValueList")) {
            throw DynamoDbException.validation(INVALID + "AttributeValueList can only be used with a ComparisonOperator "
                    + "for Attribute: " + name);
        }
        Path path = topLevel(name);
        if (Boolean.FALSE.equals(exists)) {
            if (hasValue) {
                throw DynamoDbException.validation(INVALID + "Value cannot be used when Exists is false for Attribute: "
                        + name);
            }
            return new Condition.AttributeNotExists(path);
        }
        if (!hasValue) {
            throw DynamoDbException.validation(INVALID + "Value must be provided when Exists is "
                    + (exists == null ? "null" : "true") + " for Attribute: " + name);
        }
        return new Condition.Compare(Condition.Comparator.EQ, new Operand.PathRef(path),
                new Operand.Constant(":expected", AttributeValueJson.read(valueNode)));
    }

    /** One ComparisonOperator condition, checked for its number and types of values as DynamoDB checks them. */
    private static Condition comparison(String name, String op, List<AttributeValue> values) {
        Operand attribute = new Operand.PathRef(topLevel(name));
        switch (op) {
            case "EQ", "NE" -> {
                checkArity(op, values, 1);
                Condition.Comparator comparator = op.equals("EQ") ? Condition.Comparator.EQ : Condition.Comparator.NE;
                return new Condition.Compare(comparator, attribute, constant(values.get(0)));
            }
            case "LT", "LE", "GT", "GE" -> {
                checkArity(op, values, 1);
                checkScalar(op, values.get(0));
                return new Condition.Compare(Condition.Comparator.valueOf(op), attribute, constant(values.get(0)));
            }
            case "NOT_NULL", "NULL" -> {
                checkArity(op, values, 0);
                Path path = topLevel(name);
                return op.equals("NULL") ? new Condition.AttributeNotExists(path) : new Condition.AttributeExists(path);
            }
            case "CONTAINS", "NOT_CONTAINS" -> {
                checkArity(op, values, 1);
                checkScalar(op, values.get(0));
                Condition contains = new Condition.Contains(attribute, constant(values.get(0)));
                // NOT_CONTAINS needs the attribute: a missing attribute satisfies neither (API reference, Condition)
                return op.equals("CONTAINS") ? contains
                        : new Condition.And(new Condition.AttributeExists(topLevel(name)), new Condition.Not(contains));
            }
            case "BEGINS_WITH" -> {
                checkArity(op, values, 1);
                AttributeValue prefix = values.get(0);
                if (!(prefix instanceof AttributeValue.S) && !(prefix instanceof AttributeValue.B)) {
                    throw invalidType(op, prefix);
                }
                return new Condition.BeginsWith(attribute, constant(prefix));
            }
            case "IN" -> {
                if (values.isEmpty()) {
                    throw arity(op);
                }
                List<Operand> candidates = new ArrayList<>();
                for (AttributeValue value : values) {
                    checkScalar(op, value);
                    candidates.add(constant(value));
                }
                return new Condition.In(attribute, candidates);
            }
            case "BETWEEN" -> {
                checkArity(op, values, 2);
                AttributeValue low = values.get(0);
                AttributeValue high = values.get(1);
                checkScalar(op, low);
                checkScalar(op, high);
                if (!low.type().equals(high.type())) {
                    throw DynamoDbException.validation(INVALID + "AttributeValues inside AttributeValueList must be of "
                            + "same type");
                }
                if (com.tradebot.dynamodb.value.AttributeValues.compareKeys(low, high) > 0) {
                    throw DynamoDbException.validation(INVALID + "The BETWEEN condition was provided a range where the "
                            + "lower bound is greater than the upper bound");
                }
                return new Condition.Between(attribute, constant(low), constant(high));
            }
            default -> throw DynamoDbException.validation("1 validation error detected: Value '" + op
                    + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        }
    }

    private static ConditionExpression join(List<Condition> conditions, String conditionalOperator) {
        if (conditionalOperator != null && !conditionalOperator.equals("AND") && !conditionalOperator.equals("OR")) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + conditionalOperator
                    + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]");
        }
        if (conditions.isEmpty()) {
            return null;
        }
        boolean or = "OR".equals(conditionalOperator);
        Condition result = conditions.get(0);
        for (int i = 1; i < conditions.size(); i++) {
            result = or ? new Condition.Or(result, conditions.get(i)) : new Condition.And(result, conditions.get(i));
        }
        return result;
    }

    private static String operator(JsonNode condition) {
        if (!condition.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for a Condition: expected a structure");
        }
        JsonNode op = condition.get("ComparisonOperator");
        if (op == null || op.isNull()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'comparisonOperator' failed "
                    + "to satisfy constraint: Member must not be null");
        }
        if (!op.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type for ComparisonOperator: expected a string");
        }
        return op.textValue();
    }

    private static List<AttributeValue> values(JsonNode condition) {
        JsonNode list = condition.get("AttributeValueList");
        List<AttributeValue> values = new ArrayList<>();
        if (list == null || list.isNull()) {
            return values;
        }
        if (!list.isArray()) {
            throw DynamoDbException.serialization("Unexpected value type for AttributeValueList: expected a list");
        }
        for (JsonNode value : list) {
            values.add(AttributeValueJson.read(value));
        }
        return values;
    }

    private static void checkArity(String op, List<AttributeValue> values, int expected) {
        if (values.size() != expected) {
            throw arity(op);
        }
    }

    private static DynamoDbException arity(String op) {
        return DynamoDbException.validation(INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    }

    /** Ordering, containment and IN take one S, N or B; sets, lists, maps, BOOL and NULL are refused. */
    private static void checkScalar(String op, AttributeValue value) {
        if (!(value instanceof AttributeValue.S) && !(value instanceof AttributeValue.N)
                && !(value instanceof AttributeValue.B)) {
            throw invalidType(op, value);
        }
    }

    private static DynamoDbException invalidType(String op, AttributeValue value) {
        return DynamoDbException.validation(INVALID + "ComparisonOperator " + op + " is not valid for " + value.type()
                + " AttributeValue type");
    }

    private static boolean isSet(AttributeValue value) {
        return value instanceof AttributeValue.SS || value instanceof AttributeValue.NS || value instanceof AttributeValue.BS;
    }

    private static Operand constant(AttributeValue value) {
        return new Operand.Constant(":legacy", value);
    }

    private static Path topLevel(String name) {
        return new Path(List.of(new Path.Name(name)));
    }

    private static JsonNode object(JsonNode node, String parameter) {
        if (!node.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for " + parameter + ": expected a map");
        }
        return node;
    }
}
