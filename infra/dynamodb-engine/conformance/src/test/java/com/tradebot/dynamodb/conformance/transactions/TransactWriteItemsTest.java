package com.tradebot.dynamodb.conformance.transactions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@Tag("beyond-dynalite")
class TransactWriteItemsTest extends ConformanceTest {
    private String accounts;
    private String audit;

    @BeforeEach
    void tables() {
        accounts = createTable("pk", ScalarAttributeType.S);
        audit = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        put(accounts, item("pk", s("alice"), "balance", n(100)));
        put(accounts, item("pk", s("bob"), "balance", n(5)));
        put(accounts, item("pk", s("frozen"), "locked", bool(true)));
        put(accounts, item("pk", s("carol"), "balance", n(0)));
    }

    private TransactWriteItem debit(String account, long amount) {
        return TransactWriteItem.builder().update(u -> u.tableName(accounts).key(item("pk", s(account)))
                .updateExpression("SET balance = balance - :amt").conditionExpression("balance >= :amt")
                .expressionAttributeValues(Map.of(":amt", n(amount)))).build();
    }

    private TransactWriteItem credit(String account, long amount) {
        return TransactWriteItem.builder().update(u -> u.tableName(accounts).key(item("pk", s(account)))
                .updateExpression("ADD balance :amt").expressionAttributeValues(Map.of(":amt", n(amount)))).build();
    }

    private TransactWriteItem notFrozen(String account) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts).key(item("pk", s(account)))
                .conditionExpression("attribute_not_exists(locked)")).build();
    }

    private long balance(String account) {
        return Long.parseLong(get(accounts, item("pk", s(account))).get("balance").n());
    }

    @Test
    void appliesPutUpdateDeleteAndConditionCheckTogether() {
        put(accounts, item("pk", s("temp")));
        db.transactWriteItems(r -> r.transactItems(
                debit("alice", 30), credit("bob", 30), notFrozen("carol"),
                TransactWriteItem.builder().put(p -> p.tableName(audit).item(item("pk", s("alice"), "sk", n(1), "amount", n(30)))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(item("pk", s("temp")))).build()));
        assertThat(balance("alice")).isEqualTo(70);
        assertThat(balance("bob")).isEqualTo(35);
        assertThat(get(audit, item("pk", s("alice"), "sk", n(1)))).isNotNull();
        assertThat(get(accounts, item("pk", s("temp")))).isNull();
    }

    @Test
    void aFailedConditionCancelsEverythingWithReasonsInOrder() {
        var error = assertError(TransactionCanceledException.class, 400,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
                () -> db.transactWriteItems(r -> r.transactItems(credit("alice", 50), debit("bob", 50))));
        assertThat(error.cancellationReasons()).extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed");
        assertThat(error.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(balance("alice")).isEqualTo(100);
        assertThat(balance("bob")).isEqualTo(5);
    }

    @Test
    void conditionCheckFailureCancels() {
        var error = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(debit("alice", 10), credit("bob", 10), notFrozen("frozen"))));
        assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "None", "ConditionalCheckFailed");
        assertThat(balance("alice")).isEqualTo(100);
        assertThat(balance("bob")).isEqualTo(5);
    }

    @Test
    void returnValuesOnConditionCheckFailureReturnsTheItem() {
        var error = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(u -> u.tableName(accounts)
                        .key(item("pk", s("bob"))).updateExpression("SET balance = balance - :amt")
                        .conditionExpression("balance >= :amt").expressionAttributeValues(Map.of(":amt", n(50)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertThat(error.cancellationReasons().get(0).item()).isEqualTo(item("pk", s("bob"), "balance", n(5)));
    }

    @Test
    void twoOperationsOnOneItemAreRejected() {
        assertValidation("Transaction request cannot include multiple operations on one item",
                () -> db.transactWriteItems(r -> r.transactItems(credit("alice", 1), debit("alice", 1))));
    }

    @Test
    void moreThanOneHundredItemsAreRejected() {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            int n = i;
            items.add(TransactWriteItem.builder().put(p -> p.tableName(audit).item(item("pk", s("x"), "sk", n(n)))).build());
        }
        assertValidationContains("Member must have length less than or equal to 100",
                () -> db.transactWriteItems(r -> r.transactItems(items)));
    }

    @Test
    void oneHundredItemsAreAllowed() {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            items.add(TransactWriteItem.builder().put(p -> p.tableName(audit).item(item("pk", s("x"), "sk", n(n)))).build());
        }
        db.transactWriteItems(r -> r.transactItems(items));
        assertThat(scanAll(audit)).hasSize(100);
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("no_such_table_tx").item(item("pk", s("a")))).build())));
    }

    @Test
    void sameClientRequestTokenAppliesOnce() {
        String token = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            db.transactWriteItems(r -> r.clientRequestToken(token).transactItems(credit("bob", 10)));
        }
        assertThat(balance("bob")).isEqualTo(15);
    }

    @Test
    void sameTokenWithADifferentRequestIsAMismatch() {
        String token = UUID.randomUUID().toString();
        db.transactWriteItems(r -> r.clientRequestToken(token).transactItems(credit("bob", 10)));
        assertError(IdempotentParameterMismatchException.class, 400, null,
                () -> db.transactWriteItems(r -> r.clientRequestToken(token).transactItems(credit("bob", 11))));
        assertThat(balance("bob")).isEqualTo(15);
    }

    // DynamoDB answers a Delete/Update/ConditionCheck whose Key does not fit the key schema (wrong type, missing or
    // extra attribute) with TransactionCanceledException and a ValidationError reason at that position ("There is a
    // user error, such as an invalid data format", API reference, TransactionCanceledException; the reason's message
    // is DynamoDB's "The provided key element does not match the schema"), and nothing is written.
    @Test
    void aKeyThatDoesNotMatchTheSchemaCancelsWithAValidationErrorAtItsPosition() {
        List<Map<String, AttributeValue>> badKeys = List.of(item("pk", n(1)), item("other", s("alice")),
                item("pk", s("alice"), "extra", s("x")));
        for (Map<String, AttributeValue> badKey : badKeys) {
            var error = assertError(TransactionCanceledException.class, 400,
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError, None]",
                    () -> db.transactWriteItems(r -> r.transactItems(credit("alice", 1),
                            TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(badKey)).build(),
                            credit("bob", 1))));
            assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
                    .containsExactly("None", "ValidationError", "None");
            assertThat(error.cancellationReasons().get(1).message()).isEqualTo("The provided key element does not match the schema");
        }
        var update = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(u -> u.tableName(accounts)
                        .key(item("pk", bool(true))).updateExpression("SET balance = :v")
                        .expressionAttributeValues(Map.of(":v", n(1)))).build(), credit("alice", 1))));
        assertThat(update.cancellationReasons()).extracting(CancellationReason::code).containsExactly("ValidationError", "None");
        assertThat(balance("alice")).isEqualTo(100);
        assertThat(balance("bob")).isEqualTo(5);
    }

    // An empty string key value is refused by input validation before the transaction runs: a plain ValidationException.
    @Test
    void anEmptyKeyValueIsAValidationExceptionNotACancellation() {
        assertValidation("One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. Key: pk",
                () -> db.transactWriteItems(r -> r.transactItems(credit("alice", 1),
                        TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(item("pk", s("")))).build())));
        assertThat(balance("alice")).isEqualTo(100);
    }

    @Test
    void updateInATransactionCreatesAMissingItem() {
        db.transactWriteItems(r -> r.transactItems(credit("dave", 7)));
        assertThat(balance("dave")).isEqualTo(7);
    }

    @Test
    void putGuardedByAttributeNotExistsCancelsOnAnExistingItem() {
        var error = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(audit).item(item("pk", s("new"), "sk", n(1)))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(accounts).item(item("pk", s("alice"), "balance", n(0)))
                                .conditionExpression("attribute_not_exists(pk)")).build())));
        assertThat(error.cancellationReasons()).extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed");
        assertThat(get(audit, item("pk", s("new"), "sk", n(1)))).isNull();
        assertThat(balance("alice")).isEqualTo(100);
    }

    @Test
    void returnValuesOnConditionCheckFailureOfAMissingItemHasNoItem() {
        var error = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts)
                        .key(item("pk", s("ghost"))).conditionExpression("attribute_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertThat(error.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
        assertThat(error.cancellationReasons().get(0).hasItem()).isFalse();
    }

    @Test
    void anItemLevelTypeErrorCancelsWithAValidationErrorReason() {
        put(accounts, item("pk", s("text"), "balance", s("not a number")));
        var error = assertError(TransactionCanceledException.class, 400, null,
                () -> db.transactWriteItems(r -> r.transactItems(credit("alice", 1), credit("text", 1))));
        assertThat(error.cancellationReasons()).extracting(CancellationReason::code).containsExactly("None", "ValidationError");
        assertThat(balance("alice")).isEqualTo(100);
    }

    @Test
    void deleteWithAConditionInATransaction() {
        db.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().delete(d -> d.tableName(accounts)
                .key(item("pk", s("bob"))).conditionExpression("balance < :ten").expressionAttributeValues(Map.of(":ten", n(10)))).build()));
        assertThat(get(accounts, item("pk", s("bob")))).isNull();
    }
}
