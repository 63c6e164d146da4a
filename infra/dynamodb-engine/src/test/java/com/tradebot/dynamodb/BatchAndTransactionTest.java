package com.tradebot.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchAndTransactionTest extends EngineTestSupport {
    private static String table;

    @BeforeAll
    static void createTables() {
        table = createTable("pk", null, null);
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    @Test
    void batchWriteThenBatchGet() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of("pk", s("batch" + i), "v", n(i))).build()).build());
        }
        assertThat(dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes))).unprocessedItems()).isEmpty();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("batch" + i));
        }
        BatchGetItemResponse got = dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).projectionExpression("v").build())));
        assertThat(got.responses().get(table)).hasSize(25).allSatisfy(item -> assertThat(item).containsOnlyKeys("v"));
        assertThat(got.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchLimitsAndDuplicatesAreRejected() {
        List<WriteRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tooMany.add(WriteRequest.builder().putRequest(PutRequest.builder().item(key("many" + i)).build()).build());
        }
        assertThatThrownBy(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, tooMany))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Member must have length less than or equal to 25");
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("many0"))).hasItem()).isFalse();

        List<WriteRequest> duplicates = List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(key("dup")).build()).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(key("dup"))).build());
        assertThatThrownBy(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, duplicates))))
                .hasMessageContaining("Provided list of item keys contains duplicates");

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("k" + i));
        }
        assertThatThrownBy(() -> dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).build()))))
                .hasMessageContaining("Member must have length less than or equal to 100");
    }

    @Test
    void batchGetReturnsUnprocessedKeysBeyondSixteenMegabytes() {
        String blob = "x".repeat(390 * 1024);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String pk = "large" + i;
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "blob", s(blob))));
            keys.add(key(pk));
        }
        BatchGetItemResponse first = dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).build())));
        int returned = first.responses().get(table).size();
        assertThat(returned).isLessThan(50);
        assertThat(first.unprocessedKeys().get(table).keys()).hasSize(50 - returned);
        BatchGetItemResponse second = dynamo.batchGetItem(r -> r.requestItems(first.unprocessedKeys()));
        assertThat(second.responses().get(table)).hasSize(50 - returned);
    }

    @Test
    void transactionAppliesAllOrNothingWithReasons() {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("tx-a"), "balance", n(10))));
        TransactWriteItem debit = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key("tx-a"))
                .updateExpression("SET balance = balance - :amt").conditionExpression("balance >= :amt")
                .expressionAttributeValues(Map.of(":amt", n(15)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        TransactWriteItem credit = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s("tx-b"), "balance", n(15))).build()).build();

        TransactionCanceledException cancelled = (TransactionCanceledException) catchThrowable(() ->
                dynamo.transactWriteItems(r -> r.transactItems(debit, credit)));
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ConditionalCheckFailed", "None");
        assertThat(cancelled.cancellationReasons().get(0).item()).containsEntry("balance", n(10));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("tx-b"))).hasItem()).isFalse();

        TransactWriteItem smallDebit = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key("tx-a"))
                .updateExpression("SET balance = balance - :amt").conditionExpression("balance >= :amt")
                .expressionAttributeValues(Map.of(":amt", n(4))).build()).build();
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(key("tx-b")).conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem creditB = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s("tx-c"), "balance", n(4))).build()).build();
        dynamo.transactWriteItems(r -> r.transactItems(smallDebit, check, creditB));

        var read = dynamo.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(table).key(key("tx-a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(key("tx-c"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(key("tx-missing"))).build()));
        assertThat(read.responses().get(0).item()).containsEntry("balance", n(6));
        assertThat(read.responses().get(1).item()).containsEntry("balance", n(4));
        assertThat(read.responses().get(2).hasItem()).isFalse();
    }

    @Test
    void oneActionPerItem() {
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(key("same")).build()).build();
        TransactWriteItem delete = TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key("same")).build()).build();
        assertThatThrownBy(() -> dynamo.transactWriteItems(r -> r.transactItems(put, delete)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void clientRequestTokenMakesTheTransactionIdempotent() {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("idem"), "count", n(0))));
        TransactWriteItem increment = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key("idem"))
                .updateExpression("ADD #c :one").expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n(1))).build()).build();
        dynamo.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-1"));
        dynamo.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-1"));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("idem"))).item()).containsEntry("count", n(1));

        dynamo.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-2"));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("idem"))).item()).containsEntry("count", n(2));

        TransactWriteItem other = TransactWriteItem.builder().put(Put.builder().tableName(table).item(key("other")).build()).build();
        assertThatThrownBy(() -> dynamo.transactWriteItems(r -> r.transactItems(other).clientRequestToken("token-1")))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
