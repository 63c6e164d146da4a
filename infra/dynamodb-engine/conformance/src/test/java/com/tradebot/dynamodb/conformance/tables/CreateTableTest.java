package com.tradebot.dynamodb.conformance.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class CreateTableTest extends ConformanceTest {

    @Test
    void returnsTheDescriptionOfTheNewTable() {
        String name = uniqueTableName();
        CreateTableResponse response = db.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk")));

        var table = response.tableDescription();
        assertThat(table.tableName()).isEqualTo(name);
        assertThat(table.tableStatus()).isIn(TableStatus.CREATING, TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(hash("pk"), range("sk"));
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrder(
                attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N));
        assertThat(table.itemCount()).isZero();
        assertThat(table.tableSizeBytes()).isZero();
        assertThat(table.tableArn()).startsWith("arn:aws:dynamodb:").endsWith(":table/" + name);
        assertThat(table.creationDateTime()).isNotNull();
        awaitActive(name);
    }

    @Test
    void createsGlobalSecondaryIndexes() {
        String name = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hash("g"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));

        var table = db.describeTable(r -> r.tableName(name)).table();
        assertThat(table.globalSecondaryIndexes()).hasSize(1);
        var index = table.globalSecondaryIndexes().get(0);
        assertThat(index.indexName()).isEqualTo("byG");
        assertThat(index.keySchema()).containsExactly(hash("g"));
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(index.indexArn()).endsWith(":table/" + name + "/index/byG");
    }

    @Test
    @Tag("beyond-dynalite") // dynalite answers with an empty message
    void rejectsAnExistingTableName() {
        String name = createTable("pk", ScalarAttributeType.S);
        assertError(ResourceInUseException.class, 400, "Table already exists: " + name,
                () -> db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    void rejectsATooShortTableName() {
        assertValidation("TableName must be at least 3 characters long and at most 255 characters long",
                () -> db.createTable(r -> r.tableName("ab").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    void rejectsIllegalCharactersInTheTableName() {
        assertValidation("1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> db.createTable(r -> r.tableName("bad name!").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    void rejectsAKeyAttributeMissingFromTheDefinitions() {
        assertValidation("One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("other", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    void rejectsUnusedAttributeDefinitions() {
        assertValidation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                        + "match number of attributes defined in AttributeDefinitions",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("extra", ScalarAttributeType.S))
                        .keySchema(hash("pk"))));
    }

    @Test
    void rejectsARangeKeyFirst() {
        assertValidation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                        .keySchema(range("sk"), hash("pk"))));
    }

    @Test
    void rejectsTwoHashKeys() {
        assertValidation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                        .keySchema(hash("pk"), hash("sk"))));
    }

    @Test
    void rejectsProvisionedModeWithoutThroughput() {
        assertValidation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both "
                        + "be specified when BillingMode is PROVISIONED",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PROVISIONED)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    void acceptsProvisionedThroughput() {
        String name = createTable(b -> b.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(7L))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.B)).keySchema(hash("pk")));
        var table = db.describeTable(r -> r.tableName(name)).table();
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
        assertThat(table.keySchema().get(0).keyType()).isEqualTo(KeyType.HASH);
    }

    @Test
    void rejectsAGsiOnAnUndefinedAttribute() {
        assertValidationStartsWith("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions.",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hash("g"))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build())));
    }

    private static GlobalSecondaryIndex gsi(String name, software.amazon.awssdk.services.dynamodb.model.KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys).projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static LocalSecondaryIndex lsi(String name, software.amazon.awssdk.services.dynamodb.model.KeySchemaElement... keys) {
        return LocalSecondaryIndex.builder().indexName(name).keySchema(keys).projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    @Test
    void rejectsHashAndRangeWithTheSameName() {
        assertValidation("Both the Hash Key and the Range Key element in the KeySchema have the same name",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("pk"))));
    }

    @Test
    void rejectsAKeySchemaOfOneAttributeTwice() {
        assertValidation("Invalid KeySchema: Some index key attribute have no definition",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(hash("pk"), range("pk"))));
    }

    @Test
    void rejectsALocalIndexOnAHashOnlyTable() {
        assertValidation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("l", ScalarAttributeType.S))
                        .keySchema(hash("pk")).localSecondaryIndexes(lsi("byL", hash("pk"), range("l")))));
    }

    @Test
    void rejectsALocalIndexWithAnotherHashKey() {
        assertValidation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key "
                        + "as table KeySchema for index: byL. index hash key: l, table hash key: pk",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                                attribute("l", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("sk")).localSecondaryIndexes(lsi("byL", hash("l"), range("sk")))));
    }

    @Test
    void rejectsDuplicateIndexNames() {
        assertValidation("One or more parameter values were invalid: Duplicate index name: byG",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(gsi("byG", hash("g")), gsi("byG", hash("g")))));
    }

    @Test
    void rejectsNonKeyAttributesOutsideIncludeProjections() {
        assertValidation("One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                                .keySchema(hash("g")).projection(p -> p.projectionType(ProjectionType.ALL).nonKeyAttributes("x")).build())));
    }

    @Test
    void rejectsMoreThanTwentyGlobalIndexes() {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            indexes.add(gsi("idx" + i, hash("g")));
        }
        assertValidation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(indexes)));
    }

    @Test
    void rejectsMoreThanFiveLocalIndexes() {
        List<LocalSecondaryIndex> indexes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            indexes.add(lsi("idx" + i, hash("pk"), range("l")));
        }
        assertValidation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                                attribute("l", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("sk")).localSecondaryIndexes(indexes)));
    }

    @Test
    void rejectsThroughputOnAnOnDemandIndex() {
        assertValidation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                        + "byG when BillingMode is PAY_PER_REQUEST",
                () -> db.createTable(r -> r.tableName(uniqueTableName()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                                .keySchema(hash("g")).projection(p -> p.projectionType(ProjectionType.ALL))
                                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)).build())));
    }
}
