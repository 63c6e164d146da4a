package com.tradebot.dynamodb.conformance.limits;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;
import com.tradebot.dynamodb.conformance.support.RawRequests;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Limits and validations DynamoDB applies where a permissive server would accept the request. Each test names the
 * documented rule it checks (developer guide "Constraints" and "Supported data types", API reference pages).
 */
@Tag("beyond-dynalite")
class ValidationRulesTest extends ConformanceTest {

    // Constraints, Attributes: "attribute names must be at least one character long and less than 64 KB in size"
    @Test
    void attributeNamesUpTo64KBAreValid() {
        String table = createTable("pk", ScalarAttributeType.S);
        String longName = "n".repeat(65_535);
        put(table, item("pk", s("k"), longName, s("v")));
        assertThat(get(table, item("pk", s("k")))).containsKey(longName);
    }

    @Test
    void attributeNamesOver64KBAndEmptyNamesAreRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> put(table, item("pk", s("k"), "n".repeat(65_536), s("v"))));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> put(table, item("pk", s("k"), "", s("v"))));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("#e")
                        .expressionAttributeNames(names("#e", ""))));
    }

    // API reference, KeySchemaElement / AttributeDefinition: AttributeName length 1..255
    @Test
    void keyAttributeNamesOver255CharactersAreRefusedInCreateTable() {
        String name = "k".repeat(256);
        assertValidationContains("255", () -> createTable(name, ScalarAttributeType.S));
    }

    // Constraints, Partition key / Sort key length: 2,048 and 1,024 bytes, for an index's keys as for the table's
    @Test
    void oversizedIndexKeysAreRefusedAndNothingIsWritten() {
        String table = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("gh", ScalarAttributeType.S),
                        attribute("gr", ScalarAttributeType.B))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gh"), range("gr"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> put(table, item("pk", s("a"), "gh", s("x".repeat(2049)), "gr", b((byte) 1))));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> put(table, item("pk", s("b"), "gh", s("x"), "gr", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1025])))));
        put(table, item("pk", s("c"), "gh", s("x".repeat(2048)), "gr", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1024]))));
        assertThat(scanAll(table)).hasSize(1);
        assertThat(db.scan(r -> r.tableName(table).indexName("gsi")).count()).isEqualTo(1);
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> db.updateItem(r -> r.tableName(table).key(item("pk", s("c"))).updateExpression("SET gh = :v")
                        .expressionAttributeValues(Map.of(":v", s("y".repeat(2049))))));
        assertThat(get(table, item("pk", s("c"))).get("gh").s()).hasSize(2048);
    }

    // Constraints, Transactions: "The aggregate size of the items in the transaction cannot exceed 4 MB"
    @Test
    void transactionsOver4MBAreRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String key = "k" + i;
            puts.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(item("pk", s(key), "v", s("x".repeat(390_000))))).build());
        }
        assertValidationStartsWith("Transaction request cannot be larger than 4 MB",
                () -> db.transactWriteItems(r -> r.transactItems(puts)));
        assertThat(scanAll(table)).isEmpty();
    }

    // API reference, TransactWriteItems: a request item that fails validation cancels with a ValidationError reason
    @Test
    void anInvalidTransactionItemCancelsWithAValidationErrorAtItsPosition() {
        String table = createTable("pk", ScalarAttributeType.S);
        TransactionCanceledException cancelled = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item("pk", s("ok")))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item("pk", n(1)))).build())));
        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ValidationError");
        assertThat(scanAll(table)).isEmpty();
    }

    // Condition expressions reference: contains(path, operand) is true when path is a String or Binary that
    // contains the operand as a subsequence
    @Test
    void containsOnABinaryMatchesAByteSubsequence() {
        String table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "bin", b((byte) 1, (byte) 2, (byte) 3, (byte) 4)));
        assertThat(db.scan(r -> r.tableName(table).filterExpression("contains(bin, :p)")
                .expressionAttributeValues(Map.of(":p", b((byte) 2, (byte) 3)))).count()).isEqualTo(1);
        assertThat(db.scan(r -> r.tableName(table).filterExpression("contains(bin, :p)")
                .expressionAttributeValues(Map.of(":p", b((byte) 3, (byte) 2)))).count()).isZero();
    }

    // BETWEEN and <, <=, >, >= are defined for S, N and B: a list or map from the request is a validation error
    @Test
    void betweenAndOrderingWithAListOrMapOperandAreRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertValidationStartsWith("Invalid FilterExpression: Incorrect operand type for operator or function; "
                        + "operator or function: BETWEEN",
                () -> db.scan(r -> r.tableName(table).filterExpression("a BETWEEN :l AND :h")
                        .expressionAttributeValues(Map.of(":l", l(n(1)), ":h", l(n(2))))));
        assertValidationStartsWith("Invalid FilterExpression: Incorrect operand type for operator or function; "
                        + "operator or function: <",
                () -> db.scan(r -> r.tableName(table).filterExpression("a < :m")
                        .expressionAttributeValues(Map.of(":m", m("x", n(1))))));
    }

    // API reference, Projection: NonKeyAttributes names the attributes an INCLUDE projection adds
    @Test
    void includeProjectionNeedsDistinctNonKeyAttributes() {
        assertValidationStartsWith("One or more parameter values were invalid", () -> createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("idx").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE)).build())));
        assertValidationStartsWith("One or more parameter values were invalid", () -> createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("idx").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("a", "a")).build())));
        RawRequests.Answer nonString = RawRequests.post("CreateTable", "{\"TableName\":\"" + uniqueTableName() + "\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"idx\",\"KeySchema\":[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[{\"S\":\"a\"}]}}]}");
        assertThat(nonString.status()).isEqualTo(400);
        assertThat(nonString.errorType()).isEqualTo("ValidationException");
    }

    // A global index stores only its projection: asking it for another attribute is an error, not an empty answer
    @Test
    void askingAGlobalIndexForAnAttributeItDoesNotProjectIsAnError() {
        String table = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("idx").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("a")).build()));
        put(table, item("pk", s("k"), "g", s("x"), "a", n(1), "b", n(2)));
        assertThat(db.query(r -> r.tableName(table).indexName("idx").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x"))).projectionExpression("a").select(Select.SPECIFIC_ATTRIBUTES))
                .items()).containsExactly(item("a", n(1)));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> db.query(r -> r.tableName(table).indexName("idx").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("x"))).projectionExpression("b")
                        .select(Select.SPECIFIC_ATTRIBUTES)));
    }

    // API reference, Query/Scan ExclusiveStartKey: "The primary key of the first item that this operation will evaluate"
    @Test
    void exclusiveStartKeyMustBeExactlyAKey() {
        String hashOnly = createTable("pk", ScalarAttributeType.S);
        assertValidationStartsWith("The provided starting key is invalid",
                () -> db.scan(r -> r.tableName(hashOnly).exclusiveStartKey(item("pk", s("a"), "sk", s("b")))));
        assertValidationStartsWith("The provided starting key is invalid",
                () -> db.scan(r -> r.tableName(hashOnly).exclusiveStartKey(item("pk", s("a"), "other", n(1)))));
        String indexed = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("idx").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        assertValidationStartsWith("The provided starting key is invalid",
                () -> db.scan(r -> r.tableName(indexed).indexName("idx")
                        .exclusiveStartKey(item("pk", s("a"), "g", s("b"), "extra", n(1)))));
    }

    // Parallel scan: the ExclusiveStartKey of a segment must be a key of that segment (it comes from its LastEvaluatedKey)
    @Test
    void exclusiveStartKeyOutsideTheScanSegmentIsRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        for (int i = 0; i < 40; i++) {
            put(table, item("pk", s("k" + i)));
        }
        var segment0 = db.scan(r -> r.tableName(table).segment(0).totalSegments(4));
        assertThat(segment0.items()).isNotEmpty();
        Map<String, AttributeValue> keyOfSegment0 = item("pk", segment0.items().get(0).get("pk"));
        db.scan(r -> r.tableName(table).segment(0).totalSegments(4).exclusiveStartKey(keyOfSegment0));
        assertValidationStartsWith("The provided Exclusive start key does not map to the provided segment",
                () -> db.scan(r -> r.tableName(table).segment(2).totalSegments(4).exclusiveStartKey(keyOfSegment0)));
    }

    // Supported data types: numbers "are sent across the network to DynamoDB as strings"
    @Test
    void aJsonNumberWhereDynamoDbWantsAStringIsASerializationError() {
        String table = createTable("pk", ScalarAttributeType.S);
        RawRequests.Answer answer = RawRequests.post("PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k\"},\"n\":{\"N\":123}}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("SerializationException");
        assertThat(scanAll(table)).isEmpty();
    }

    // Expression syntax: list indexes are 32-bit integers
    @Test
    void listIndexesBeyondTheAllowedRangeAreRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertValidationStartsWith("Invalid ProjectionExpression: ",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("k"))).projectionExpression("a[99999999999]")));
    }

    // Request parameters: AttributesToGet is a legacy parameter and cannot be combined with any expression parameter
    @Test
    void attributesToGetWithAnyExpressionParameterIsRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {FilterExpression}",
                () -> db.scan(r -> r.tableName(table).attributesToGet("a").filterExpression("a = :v")
                        .expressionAttributeValues(Map.of(":v", n(1)))));
    }

    // Supported data types: strings are Unicode with UTF-8 encoding; a lone surrogate has no UTF-8 form
    @Test
    void illFormedUtf16InStringsIsRefused() {
        String table = createTable("pk", ScalarAttributeType.S);
        for (String value : List.of("x\\ud800y", "\\udc00", "end\\ud83d")) {
            RawRequests.Answer answer = RawRequests.post("PutItem",
                    "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k\"},\"name\":{\"S\":\"" + value + "\"}}}");
            assertThat(answer.status()).as(value).isEqualTo(400);
            assertThat(answer.errorType()).isEqualTo("ValidationException");
        }
        RawRequests.Answer inSet = RawRequests.post("PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k\"},\"tags\":{\"SS\":[\"ok\",\"\\ud800\"]}}}");
        assertThat(inSet.errorType()).isEqualTo("ValidationException");
        assertThat(scanAll(table)).isEmpty();
        // a well-formed pair is fine
        RawRequests.Answer pair = RawRequests.post("PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k\"},\"name\":{\"S\":\"\\ud83d\\ude00\"}}}");
        assertThat(pair.status()).isEqualTo(200);
    }

    // API reference, DeleteTable: the answer describes the table being deleted without its schema or creation time
    @Test
    void deleteTableDescribesOnlyWhatDynamoDbReturns() {
        String table = createTable("pk", ScalarAttributeType.S);
        DeleteTableResponse response = db.deleteTable(r -> r.tableName(table));
        assertThat(response.tableDescription().tableName()).isEqualTo(table);
        assertThat(response.tableDescription().tableStatusAsString()).isEqualTo("DELETING");
        assertThat(response.tableDescription().creationDateTime()).isNull();
        assertThat(response.tableDescription().hasKeySchema()).isFalse();
        assertThat(response.tableDescription().hasAttributeDefinitions()).isFalse();
    }
}
