package com.tradebot.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableOperationsTest extends EngineTestSupport {

    @Test
    void createDescribeAndDeleteATable() {
        TableDescription created = dynamo.createTable(r -> r.tableName("accounts")
                .attributeDefinitions(def("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH))
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build()))
                .tableDescription();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(created.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        dynamo.putItem(r -> r.tableName("accounts").item(Map.of("id", s("a"))));

        TableDescription described = dynamo.describeTable(r -> r.tableName("accounts")).table();
        assertThat(described.itemCount()).isEqualTo(1L);
        assertThat(described.keySchema()).extracting(k -> k.attributeName()).containsExactly("id");
        assertThat(described.tableArn()).endsWith(":table/accounts");

        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName("accounts")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)))
                .isInstanceOf(ResourceInUseException.class);

        assertThat(dynamo.deleteTable(r -> r.tableName("accounts")).tableDescription().tableStatus())
                .isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> dynamo.describeTable(r -> r.tableName("accounts")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> dynamo.deleteTable(r -> r.tableName("accounts")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void invalidDefinitionsAreRejected() {
        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName("broken")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("other", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Some index key attributes are not defined in AttributeDefinitions");
        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName("broken")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))))
                .hasMessageContaining("ReadCapacityUnits and WriteCapacityUnits must both be specified");
        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName("x")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)))
                .hasMessageContaining("TableName must be at least 3 characters long and at most 255 characters long");
        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName("broken")
                .attributeDefinitions(def("id", ScalarAttributeType.S), def("extra", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST)))
                .hasMessageContaining("Number of attributes in KeySchema does not exactly match");
    }

    @Test
    void listTablesPagesInNameOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "list-" + i;
            dynamo.createTable(r -> r.tableName(name).attributeDefinitions(def("id", ScalarAttributeType.S))
                    .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST));
            created.add(name);
        }
        List<String> listed = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = dynamo.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames().size()).isLessThanOrEqualTo(2);
            listed.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertThat(listed).isSorted().containsAll(created);
    }

    @Test
    void addingAGlobalIndexBackfillsItAndRemovingItDropsIt() {
        String table = createTable("pk", null, null);
        for (int i = 0; i < 10; i++) {
            int n = i;
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("k" + n), "group", s(n % 2 == 0 ? "even" : "odd"))));
        }
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("wrong-type"), "group", n(1))));

        dynamo.updateTable(r -> r.tableName(table).attributeDefinitions(def("group", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(
                        CreateGlobalSecondaryIndexAction.builder().indexName("byGroup").keySchema(key("group", KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()).build()));

        assertThat(dynamo.query(r -> r.tableName(table).indexName("byGroup").keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", "group"))
                .expressionAttributeValues(Map.of(":g", s("even")))).count()).isEqualTo(5);
        assertThat(dynamo.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes())
                .extracting(i -> i.indexName()).containsExactly("byGroup");

        dynamo.updateTable(r -> r.tableName(table).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                .delete(DeleteGlobalSecondaryIndexAction.builder().indexName("byGroup").build()).build()));
        assertThat(dynamo.describeTable(r -> r.tableName(table)).table().hasGlobalSecondaryIndexes()).isFalse();
        assertThatThrownBy(() -> dynamo.query(r -> r.tableName(table).indexName("byGroup").keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", "group")).expressionAttributeValues(Map.of(":g", s("even")))))
                .hasMessageContaining("The table does not have the specified index: byGroup");
    }

    @Test
    void timeToLiveCanBeEnabledDescribedAndDisabled() {
        String table = createTable("pk", null, null);
        assertThat(dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        assertThat(dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName())
                .isEqualTo("expires");
        assertThatThrownBy(() -> dynamo.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true))))
                .hasMessageContaining("TimeToLive is already enabled");
        dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName("expires").enabled(false)));
        assertThat(dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
    }
}
