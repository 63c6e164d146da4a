package com.tradebot.dynamodb.conformance.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DescribeTable. */
class DescribeTableTest extends ConformanceTest {

    @Test
    void describeReportsAnActiveOnDemandTable() {
        String name = createTable("pk", ScalarAttributeType.S);
        var table = db.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableName()).isEqualTo(name);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(hash("pk"));
        assertThat(table.billingModeSummary().billingMode().toString()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void describeOfAMissingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found: Table: no_such_table_x not found",
                () -> db.describeTable(r -> r.tableName("no_such_table_x")));
    }

    @Test
    void describesBothKindsOfIndexWithTheirProjections() {
        String name = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("l", ScalarAttributeType.N), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byL").keySchema(hash("pk"), range("l"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("title")).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        var table = db.describeTable(r -> r.tableName(name)).table();

        assertThat(table.localSecondaryIndexes()).hasSize(1);
        var local = table.localSecondaryIndexes().get(0);
        assertThat(local.indexName()).isEqualTo("byL");
        assertThat(local.keySchema()).containsExactly(hash("pk"), range("l"));
        assertThat(local.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(local.projection().nonKeyAttributes()).containsExactly("title");

        var global = table.globalSecondaryIndexes().get(0);
        assertThat(global.indexName()).isEqualTo("byG");
        assertThat(global.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(global.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(table.attributeDefinitions()).hasSize(4);
    }

    @Test
    void onDemandTablesReportZeroProvisionedThroughput() {
        String name = createTable("pk", ScalarAttributeType.S);
        var throughput = db.describeTable(r -> r.tableName(name)).table().provisionedThroughput();
        assertThat(throughput.readCapacityUnits()).isZero();
        assertThat(throughput.writeCapacityUnits()).isZero();
    }
}
