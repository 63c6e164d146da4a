package com.tradebot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * Creates the single table for tests exactly as {@code template.yaml} defines {@code MainTable}, so the tests and
 * the deployed schema cannot drift apart.
 */
public final class MainTableDefinition {
    private MainTableDefinition() {
    }

    public static Path templatePath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    public static void create(DynamoDbClient dynamoDb, String tableName) {
        Map<String, Object> table = (Map<String, Object>) resources().get("MainTable");
        Map<String, Object> props = (Map<String, Object>) table.get("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) props.get("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                    .attributeType((String) a.get("AttributeType")).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> gsi : (List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            Map<String, Object> projection = (Map<String, Object>) gsi.get("Projection");
            indexes.add(GlobalSecondaryIndex.builder().indexName((String) gsi.get("IndexName"))
                    .keySchema(keySchema((List<Map<String, Object>>) gsi.get("KeySchema")))
                    .projection(Projection.builder().projectionType((String) projection.get("ProjectionType"))
                            .nonKeyAttributes((List<String>) projection.get("NonKeyAttributes")).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keySchema((List<Map<String, Object>>) props.get("KeySchema")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        dynamoDb.createTable(request.build());
        Optional.ofNullable((Map<String, Object>) props.get("TimeToLiveSpecification")).ifPresent(ttl ->
                dynamoDb.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(s -> s
                        .attributeName((String) ttl.get("AttributeName")).enabled(Boolean.TRUE.equals(ttl.get("Enabled"))))));
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> elements) {
        return elements.stream().map(e -> KeySchemaElement.builder().attributeName((String) e.get("AttributeName"))
                .keyType((String) e.get("KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources() {
        // CloudFormation's short-form tags (!Ref, !Sub, ...) are read as plain values: the table's schema uses none.
        LoadSettings settings = LoadSettings.builder().setSchema(new JsonSchema()).build();
        Load load = new Load(settings, new StandardConstructor(settings) {
            @Override
            protected Optional<ConstructNode> findConstructorFor(Node node) {
                Tag tag = node.getTag();
                if (tag.getValue().startsWith("!")) {
                    node.setTag(switch (node.getNodeType()) {
                        case SCALAR -> Tag.STR;
                        case SEQUENCE -> Tag.SEQ;
                        default -> Tag.MAP;
                    });
                }
                return super.findConstructorFor(node);
            }
        });
        try {
            Map<String, Object> template = (Map<String, Object>) load.loadFromString(Files.readString(templatePath()));
            return (Map<String, Object>) template.get("Resources");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
