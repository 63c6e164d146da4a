package com.tradebot.dynamodb.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and validates a CreateTable request (also the stored form of a table) with DynamoDB's messages. */
public final class TableDefinitionParser {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final List<String> KEY_TYPES = List.of("HASH", "RANGE");
    private static final List<String> SCALAR_TYPES = List.of("S", "N", "B");
    private static final List<String> PROJECTION_TYPES = List.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final List<String> BILLING_MODES = List.of("PROVISIONED", "PAY_PER_REQUEST");

    private TableDefinitionParser() {
    }

    public static TableDefinition parseCreate(Request request) {
        String name = request.tableName("TableName");
        JsonNode definitionsNode = request.array("AttributeDefinitions");
        if (definitionsNode == null) {
            throw request.constraint("AttributeDefinitions", null, "Member must not be null");
        }
        JsonNode keySchemaNode = request.array("KeySchema");
        if (keySchemaNode == null) {
            throw request.constraint("KeySchema", null, "Member must not be null");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode d : definitionsNode) {
            Request def = request.wrap(d, "AttributeDefinitions.member");
            String attr = keyAttributeName(def);
            String type = def.enumValue("AttributeType", SCALAR_TYPES);
            if (type == null) {
                throw def.constraint("AttributeType", null, "Member must not be null");
            }
            if (types.put(attr, type) != null) {
                throw DynamoDbException.validation("Cannot have two attributes with the same name");
            }
        }
        String billing = request.enumValue("BillingMode", BILLING_MODES);
        if (billing == null) {
            billing = TableDefinition.PROVISIONED;
        }
        Request throughput = request.nested("ProvisionedThroughput");
        long read = 0;
        long write = 0;
        if (TableDefinition.PAY_PER_REQUEST.equals(billing)) {
            if (throughput != null) {
                throw DynamoDbException.validation(INVALID
                        + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
        } else {
            if (throughput == null || throughput.longValue("ReadCapacityUnits") == null
                    || throughput.longValue("WriteCapacityUnits") == null) {
                throw DynamoDbException.validation(INVALID
                        + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            read = capacity(throughput, "ReadCapacityUnits");
            write = capacity(throughput, "WriteCapacityUnits");
        }

        if (keySchemaNode.size() > types.size()) {
            throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        KeySchema keys = keySchema(request, keySchemaNode, types, "KeySchema");
        Set<String> indexNames = new HashSet<>();
        List<IndexDefinition> locals = new ArrayList<>();
        JsonNode lsiNode = request.array("LocalSecondaryIndexes");
        if (lsiNode != null) {
            if (lsiNode.isEmpty()) {
                throw DynamoDbException.validation(INVALID + "List of LocalSecondaryIndexes is empty");
            }
            if (!keys.hasRange()) {
                throw DynamoDbException.validation(INVALID + "Table KeySchema does not have a range key, "
                        + "which is required when specifying a LocalSecondaryIndex");
            }
            for (JsonNode n : lsiNode) {
                IndexDefinition index = index(request.wrap(n, "LocalSecondaryIndexes.member"), types, false, billing);
                if (!index.keys().hasRange()) {
                    throw DynamoDbException.validation(INVALID
                            + "Index KeySchema does not have a range key for index: " + index.name());
                }
                if (!index.keys().hashName().equals(keys.hashName())) {
                    throw DynamoDbException.validation(INVALID
                            + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + index.name() + ". index hash key: " + index.keys().hashName()
                            + ", table hash key: " + keys.hashName());
                }
                if (!indexNames.add(index.name())) {
                    throw DynamoDbException.validation(INVALID + "Duplicate index name: " + index.name());
                }
                locals.add(index);
            }
            if (locals.size() > 5) {
                throw DynamoDbException.validation(INVALID
                        + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            }
        }
        List<IndexDefinition> globals = new ArrayList<>();
        JsonNode gsiNode = request.array("GlobalSecondaryIndexes");
        if (gsiNode != null) {
            if (gsiNode.isEmpty()) {
                throw DynamoDbException.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (JsonNode n : gsiNode) {
                IndexDefinition index = index(request.wrap(n, "GlobalSecondaryIndexes.member"), types, true, billing);
                if (!indexNames.add(index.name())) {
                    throw DynamoDbException.validation(INVALID + "Duplicate index name: " + index.name());
                }
                globals.add(index);
            }
            if (globals.size() > 20) {
                throw DynamoDbException.validation(INVALID
                        + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
            }
        }
        Set<String> used = new HashSet<>();
        used.add(keys.hashName());
        if (keys.hasRange()) {
            used.add(keys.rangeName());
        }
        for (IndexDefinition index : locals) {
            used.add(index.keys().hashName());
            used.add(index.keys().rangeName());
        }
        for (IndexDefinition index : globals) {
            used.add(index.keys().hashName());
            if (index.keys().hasRange()) {
                used.add(index.keys().rangeName());
            }
        }
        if (!used.equals(types.keySet())) {
            if (locals.isEmpty() && globals.isEmpty()) {
                throw DynamoDbException.validation(INVALID + "Number of attributes in KeySchema does not exactly "
                        + "match number of attributes defined in AttributeDefinitions");
            }
            throw DynamoDbException.validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + types.keySet().toString() + ", keys used: " + used);
        }
        return new TableDefinition(name, UUID.randomUUID().toString(), System.currentTimeMillis(), keys, types,
                billing, read, write, globals, locals, TimeToLive.DISABLED);
    }

    private static long capacity(Request throughput, String field) {
        long value = throughput.longValue(field);
        if (value < 1) {
            throw throughput.constraint(field, value, "Member must have value greater than or equal to 1");
        }
        if (value > 1_000_000_000_000L) {
            throw DynamoDbException.validation("Given value " + value + " for " + field + " is out of bounds");
        }
        return value;
    }

    /** One index of CreateTable (or of UpdateTable's Create action). */
    public static IndexDefinition index(Request request, Map<String, String> types, boolean global, String billing) {
        String name = request.requiredString("IndexName");
        request.checkName("IndexName", name);
        JsonNode keyNode = request.array("KeySchema");
        if (keyNode == null) {
            throw request.constraint("KeySchema", null, "Member must not be null");
        }
        KeySchema keys = keySchema(request, keyNode, types, "KeySchema");
        Request projectionNode = request.nested("Projection");
        if (projectionNode == null) {
            throw request.constraint("Projection", null, "Member must not be null");
        }
        String projectionType = projectionNode.enumValue("ProjectionType", PROJECTION_TYPES);
        if (projectionType == null) {
            throw DynamoDbException.validation(INVALID + "Unknown ProjectionType: null");
        }
        JsonNode nonKey = projectionNode.array("NonKeyAttributes");
        List<String> nonKeyAttributes = null;
        if (nonKey != null) {
            if (!Projection.INCLUDE.equals(projectionType)) {
                throw DynamoDbException.validation(INVALID + "ProjectionType is " + projectionType
                        + ", but NonKeyAttributes is specified");
            }
            nonKeyAttributes = new ArrayList<>();
            for (JsonNode attr : nonKey) {
                if (!attr.isTextual()) {
                    throw DynamoDbException.validation(INVALID + "NonKeyAttributes must contain attribute names "
                            + "(strings) for index: " + name);
                }
                if (nonKeyAttributes.contains(attr.textValue())) {
                    throw DynamoDbException.validation(INVALID + "Duplicate attribute name in NonKeyAttributes: "
                            + attr.textValue() + " for index: " + name);
                }
                nonKeyAttributes.add(attr.textValue());
            }
        }
        if (Projection.INCLUDE.equals(projectionType) && (nonKeyAttributes == null || nonKeyAttributes.isEmpty())) {
            throw DynamoDbException.validation(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not "
                    + "specified for index: " + name);
        }
        long read = 0;
        long write = 0;
        Request throughput = request.nested("ProvisionedThroughput");
        if (global) {
            if (TableDefinition.PAY_PER_REQUEST.equals(billing)) {
                if (throughput != null) {
                    throw DynamoDbException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                            + name + " when BillingMode is PAY_PER_REQUEST");
                }
            } else {
                if (throughput == null) {
                    throw DynamoDbException.validation(INVALID
                            + "ProvisionedThroughput must be specified for index: " + name);
                }
                read = capacity(throughput, "ReadCapacityUnits");
                write = capacity(throughput, "WriteCapacityUnits");
            }
        }
        return new IndexDefinition(name, global, keys, new Projection(projectionType, nonKeyAttributes), read, write);
    }

    private static KeySchema keySchema(Request request, JsonNode node, Map<String, String> types, String field) {
        if (node.isEmpty()) {
            throw request.constraint(field, "[]", "Member must have length greater than or equal to 1");
        }
        if (node.size() > 2) {
            throw request.constraint(field, node.toString(), "Member must have length less than or equal to 2");
        }
        List<String> names = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (JsonNode element : node) {
            Request e = request.wrap(element, field + ".member");
            names.add(keyAttributeName(e));
            String kind = e.enumValue("KeyType", KEY_TYPES);
            if (kind == null) {
                throw e.constraint("KeyType", null, "Member must not be null");
            }
            kinds.add(kind);
        }
        for (String n : names) {
            if (!types.containsKey(n)) {
                throw DynamoDbException.validation(INVALID + "Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: " + listText(names) + ", AttributeDefinitions: "
                        + listText(types.keySet()));
            }
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw DynamoDbException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(kinds.get(0))) {
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (names.size() == 2 && !"RANGE".equals(kinds.get(1))) {
            throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        String hash = names.get(0);
        String range = names.size() == 2 ? names.get(1) : null;
        return new KeySchema(hash, types.get(hash), range, range == null ? null : types.get(range));
    }

    /** Key attribute names are 1..255 characters (DynamoDB API reference: KeySchemaElement, AttributeDefinition). */
    private static String keyAttributeName(Request element) {
        String name = element.requiredString("AttributeName");
        if (name.isEmpty()) {
            throw element.constraint("AttributeName", name, "Member must have length greater than or equal to 1");
        }
        if (name.length() > 255) {
            throw element.constraint("AttributeName", name, "Member must have length less than or equal to 255");
        }
        return name;
    }

    private static String listText(Iterable<String> names) {
        return "[" + String.join(", ", names) + "]";
    }
}
