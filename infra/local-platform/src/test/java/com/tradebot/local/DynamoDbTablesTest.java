package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class DynamoDbTablesTest {
    private static final String TEMPLATE = """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub ${AWS::StackName}-orders
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: PK, AttributeType: S }
                    - { AttributeName: SK, AttributeType: S }
                    - { AttributeName: GSI1PK, AttributeType: S }
                    - { AttributeName: LSI1SK, AttributeType: N }
                  KeySchema:
                    - { AttributeName: PK, KeyType: HASH }
                    - { AttributeName: SK, KeyType: RANGE }
                  GlobalSecondaryIndexes:
                    - IndexName: GSI1
                      KeySchema: [{ AttributeName: GSI1PK, KeyType: HASH }]
                      Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [status] }
                  LocalSecondaryIndexes:
                    - IndexName: LSI1
                      KeySchema: [{ AttributeName: PK, KeyType: HASH }, { AttributeName: LSI1SK, KeyType: RANGE }]
                      Projection: { ProjectionType: KEYS_ONLY }
                  TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
            """;

    @Test
    void createsTablesWithIndexesAndTtlOnceAndKeepsExistingOnes(@TempDir Path data) {
        TemplateModel model = new TemplateModel(CfnTemplate.parse(TEMPLATE, data, Map.of(), new LocalBindings()));
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).dataDir(data).start();
                DynamoDbClient client = client(engine)) {
            assertThat(DynamoDbTables.create(engine, model.tables())).containsExactly("tradebot-local-orders");

            TableDescription table = client.describeTable(r -> r.tableName("tradebot-local-orders")).table();
            assertThat(table.keySchema()).hasSize(2);
            assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo("GSI1");
                assertThat(index.projection().nonKeyAttributes()).containsExactly("status");
            });
            assertThat(table.localSecondaryIndexes()).singleElement()
                    .satisfies(index -> assertThat(index.indexName()).isEqualTo("LSI1"));
            assertThat(client.describeTimeToLive(r -> r.tableName("tradebot-local-orders"))
                    .timeToLiveDescription().attributeName()).isEqualTo("expiresAt");
            client.putItem(r -> r.tableName("tradebot-local-orders").item(Map.of(
                    "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("o#1"),
                    "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("v1"))));

            assertThat(DynamoDbTables.create(engine, model.tables())).isEmpty();
            assertThat(client.scan(r -> r.tableName("tradebot-local-orders")).count()).isEqualTo(1);
        }
    }

    private static DynamoDbClient client(DynamoDbEngine engine) {
        return DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
    }
}
