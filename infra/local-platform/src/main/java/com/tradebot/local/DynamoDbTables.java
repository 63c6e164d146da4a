package com.tradebot.local;

import com.tradebot.local.template.TableDef;
import com.tradebot.local.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the template's {@code AWS::DynamoDB::Table}s through the DynamoDB API, as CloudFormation would: keys,
 * attribute definitions, indexes with their projections, billing mode, then TTL. Tables that already exist (a
 * persistent {@code --data} directory) are left as they are.
 */
final class DynamoDbTables {
    private DynamoDbTables() {
    }

    /** @return the names of the tables created (not those that existed) */
    static List<String> create(DynamoDbClient client, List<TableDef> tables) {
        Set<String> existing = new HashSet<>(client.listTablesPaginator().tableNames().stream().toList());
        List<String> created = new ArrayList<>();
        for (TableDef table : tables) {
            if (existing.contains(table.tableName())) {
                continue;
            }
            client.createTable(request(table));
            Map<String, Object> ttl = map(table.properties().get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) && ttl.get("AttributeName") != null) {
                client.updateTimeToLive(update -> update.tableName(table.tableName()).timeToLiveSpecification(
                        spec -> spec.attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true)));
            }
            created.add(table.tableName());
        }
        return created;
    }

    static CreateTableRequest request(TableDef table) {
        Map<String, Object> properties = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .keySchema(keySchema(properties.get("KeySchema")))
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(DynamoDbTables::map)
                        .map(definition -> AttributeDefinition.builder()
                                .attributeName(String.valueOf(definition.get("AttributeName")))
                                .attributeType(String.valueOf(definition.get("AttributeType"))).build())
                        .toList());
        String billingMode = String.valueOf(properties.getOrDefault("BillingMode", "PROVISIONED"));
        request.billingMode(BillingMode.fromValue(billingMode));
        boolean provisioned = billingMode.equals("PROVISIONED");
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput"), table));
        }
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (Object item : list(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(item);
            GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                    .indexName(String.valueOf(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection")));
            if (provisioned) {
                builder.provisionedThroughput(throughput(index.get("ProvisionedThroughput"), table));
            }
            globalIndexes.add(builder.build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (Object item : list(properties.get("LocalSecondaryIndexes"))) {
            Map<String, Object> index = map(item);
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(String.valueOf(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection"))).build());
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream().map(DynamoDbTables::map)
                .map(element -> KeySchemaElement.builder()
                        .attributeName(String.valueOf(element.get("AttributeName")))
                        .keyType(String.valueOf(element.get("KeyType"))).build())
                .toList();
    }

    private static Projection projection(Object raw) {
        Map<String, Object> projection = map(raw);
        Projection.Builder builder = Projection.builder()
                .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKey = list(projection.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object raw, TableDef table) {
        Map<String, Object> throughput = map(raw);
        if (throughput.isEmpty()) {
            throw new TemplateException("Table " + table.logicalId()
                    + ": PROVISIONED billing needs ProvisionedThroughput on the table and each index");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(throughput.get("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(throughput.get("WriteCapacityUnits")))).build();
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
