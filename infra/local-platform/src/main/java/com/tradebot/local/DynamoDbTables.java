package com.tradebot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.dynamodb.protocol.Response;
import com.tradebot.local.template.TableDef;
import com.tradebot.local.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the template's {@code AWS::DynamoDB::Table}s through the DynamoDB API, as CloudFormation would: keys,
 * attribute definitions, indexes with their projections, billing mode, then TTL. Tables that already exist (a
 * persistent {@code --data} directory) are left as they are.
 *
 * <p>The requests go to the engine in-process ({@link DynamoDbEngine#handle}), in DynamoDB's JSON protocol: the same
 * operations the SDK would send, without building an SDK client and an HTTP round trip at start-up (seconds of class
 * loading on a cold JVM).
 */
final class DynamoDbTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbTables() {
    }

    /** @return the names of the tables created (not those that existed) */
    static List<String> create(DynamoDbEngine engine, List<TableDef> tables) {
        Set<String> existing = tableNames(engine);
        List<String> created = new ArrayList<>();
        for (TableDef table : tables) {
            if (existing.contains(table.tableName())) {
                continue;
            }
            call(engine, "CreateTable", request(table), table);
            Map<String, Object> ttl = map(table.properties().get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) && ttl.get("AttributeName") != null) {
                ObjectNode update = JSON.createObjectNode().put("TableName", table.tableName());
                update.putObject("TimeToLiveSpecification")
                        .put("AttributeName", String.valueOf(ttl.get("AttributeName"))).put("Enabled", true);
                call(engine, "UpdateTimeToLive", update, table);
            }
            created.add(table.tableName());
        }
        return created;
    }

    private static Set<String> tableNames(DynamoDbEngine engine) {
        Set<String> names = new HashSet<>();
        ObjectNode request = JSON.createObjectNode();
        while (true) {
            JsonNode page = call(engine, "ListTables", request, null);
            page.path("TableNames").forEach(name -> names.add(name.asText()));
            if (!page.hasNonNull("LastEvaluatedTableName")) {
                return names;
            }
            request.put("ExclusiveStartTableName", page.get("LastEvaluatedTableName").asText());
        }
    }

    /** The CreateTable request of a table: CloudFormation's property shapes are the API's, less a few renames. */
    static ObjectNode request(TableDef table) {
        Map<String, Object> properties = table.properties();
        ObjectNode request = JSON.createObjectNode().put("TableName", table.tableName());
        request.set("KeySchema", keySchema(properties.get("KeySchema")));
        ArrayNode definitions = request.putArray("AttributeDefinitions");
        for (Object item : list(properties.get("AttributeDefinitions"))) {
            Map<String, Object> definition = map(item);
            definitions.addObject().put("AttributeName", String.valueOf(definition.get("AttributeName")))
                    .put("AttributeType", String.valueOf(definition.get("AttributeType")));
        }
        String billingMode = String.valueOf(properties.getOrDefault("BillingMode", "PROVISIONED"));
        request.put("BillingMode", billingMode);
        boolean provisioned = billingMode.equals("PROVISIONED");
        if (provisioned) {
            request.set("ProvisionedThroughput", throughput(properties.get("ProvisionedThroughput"), table));
        }
        List<Object> globalIndexes = list(properties.get("GlobalSecondaryIndexes"));
        if (!globalIndexes.isEmpty()) {
            ArrayNode indexes = request.putArray("GlobalSecondaryIndexes");
            for (Object item : globalIndexes) {
                Map<String, Object> index = map(item);
                ObjectNode node = indexes.addObject().put("IndexName", String.valueOf(index.get("IndexName")));
                node.set("KeySchema", keySchema(index.get("KeySchema")));
                node.set("Projection", projection(index.get("Projection")));
                if (provisioned) {
                    node.set("ProvisionedThroughput", throughput(index.get("ProvisionedThroughput"), table));
                }
            }
        }
        List<Object> localIndexes = list(properties.get("LocalSecondaryIndexes"));
        if (!localIndexes.isEmpty()) {
            ArrayNode indexes = request.putArray("LocalSecondaryIndexes");
            for (Object item : localIndexes) {
                Map<String, Object> index = map(item);
                ObjectNode node = indexes.addObject().put("IndexName", String.valueOf(index.get("IndexName")));
                node.set("KeySchema", keySchema(index.get("KeySchema")));
                node.set("Projection", projection(index.get("Projection")));
            }
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            request.putObject("StreamSpecification").put("StreamEnabled", true)
                    .put("StreamViewType", String.valueOf(stream.get("StreamViewType")));
        }
        return request;
    }

    private static ArrayNode keySchema(Object raw) {
        ArrayNode schema = JSON.createArrayNode();
        for (Object item : list(raw)) {
            Map<String, Object> element = map(item);
            schema.addObject().put("AttributeName", String.valueOf(element.get("AttributeName")))
                    .put("KeyType", String.valueOf(element.get("KeyType")));
        }
        return schema;
    }

    private static ObjectNode projection(Object raw) {
        Map<String, Object> projection = map(raw);
        ObjectNode node = JSON.createObjectNode()
                .put("ProjectionType", String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKey = list(projection.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            ArrayNode attributes = node.putArray("NonKeyAttributes");
            nonKey.forEach(attribute -> attributes.add(String.valueOf(attribute)));
        }
        return node;
    }

    private static ObjectNode throughput(Object raw, TableDef table) {
        Map<String, Object> throughput = map(raw);
        if (throughput.isEmpty()) {
            throw new TemplateException("Table " + table.logicalId()
                    + ": PROVISIONED billing needs ProvisionedThroughput on the table and each index");
        }
        return JSON.createObjectNode()
                .put("ReadCapacityUnits", Long.parseLong(String.valueOf(throughput.get("ReadCapacityUnits"))))
                .put("WriteCapacityUnits", Long.parseLong(String.valueOf(throughput.get("WriteCapacityUnits"))));
    }

    /** Runs one operation in the engine; a refusal names the table and carries DynamoDB's own message. */
    private static JsonNode call(DynamoDbEngine engine, String operation, ObjectNode request, TableDef table) {
        Response response;
        try {
            response = engine.handle(operation, JSON.writeValueAsBytes(request));
            if (response.status() == 200) {
                return JSON.readTree(response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(operation + ": unreadable answer from the DynamoDB engine", e);
        }
        String where = table == null ? "" : "Table " + table.logicalId() + ": ";
        throw new TemplateException(where + operation + " refused: "
                + new String(response.body(), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
