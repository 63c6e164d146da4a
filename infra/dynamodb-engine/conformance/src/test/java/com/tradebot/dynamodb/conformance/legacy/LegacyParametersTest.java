package com.tradebot.dynamodb.conformance.legacy;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The legacy conditional parameters (developer guide, "Legacy conditional parameters"; API reference Condition,
 * ExpectedAttributeValue, AttributeValueUpdate): still sent by DynamoDBMapper of SDK v1 and older code.
 */
class LegacyParametersTest extends ConformanceTest {
    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "n", n(5), "s", s("hello"), "tags", ss("a", "b"), "list", l(s("x"), n(1))));
    }

    private static Condition condition(ComparisonOperator op, AttributeValue... values) {
        return Condition.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    private boolean expectedHolds(String attribute, ExpectedAttributeValue expected) {
        try {
            db.updateItem(r -> r.tableName(table).key(KEY).expected(Map.of(attribute, expected))
                    .attributeUpdates(Map.of("touched", AttributeValueUpdate.builder().value(n(1)).build())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static ExpectedAttributeValue op(ComparisonOperator op, AttributeValue... values) {
        return ExpectedAttributeValue.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "n, EQ, 5, true", "n, EQ, 6, false", "n, NE, 6, true", "n, NE, 5, false", "missing, NE, 5, true",
            "n, LT, 6, true", "n, LT, 5, false", "n, LE, 5, true", "n, GT, 4, true", "n, GT, 5, false", "n, GE, 5, true",
            "missing, LT, 6, false", "missing, GE, 0, false",
    })
    void comparisonsOnNumbers(String attribute, ComparisonOperator op, String value, boolean holds) {
        assertThat(expectedHolds(attribute, op(op, n(value)))).isEqualTo(holds);
    }

    @Test
    void existenceOperators() {
        assertThat(expectedHolds("n", op(ComparisonOperator.NOT_NULL))).isTrue();
        assertThat(expectedHolds("missing", op(ComparisonOperator.NOT_NULL))).isFalse();
        assertThat(expectedHolds("missing", op(ComparisonOperator.NULL))).isTrue();
        assertThat(expectedHolds("n", op(ComparisonOperator.NULL))).isFalse();
    }

    @Test
    void containsBeginsWithInAndBetween() {
        assertThat(expectedHolds("s", op(ComparisonOperator.CONTAINS, s("ell")))).isTrue();
        assertThat(expectedHolds("tags", op(ComparisonOperator.CONTAINS, s("a")))).isTrue();
        assertThat(expectedHolds("list", op(ComparisonOperator.CONTAINS, n(1)))).isTrue();
        assertThat(expectedHolds("tags", op(ComparisonOperator.NOT_CONTAINS, s("z")))).isTrue();
        assertThat(expectedHolds("s", op(ComparisonOperator.NOT_CONTAINS, s("ell")))).isFalse();
        assertThat(expectedHolds("s", op(ComparisonOperator.BEGINS_WITH, s("he")))).isTrue();
        assertThat(expectedHolds("s", op(ComparisonOperator.BEGINS_WITH, s("lo")))).isFalse();
        assertThat(expectedHolds("n", op(ComparisonOperator.IN, n(1), n(5)))).isTrue();
        assertThat(expectedHolds("n", op(ComparisonOperator.IN, n(1), n(2)))).isFalse();
        assertThat(expectedHolds("n", op(ComparisonOperator.BETWEEN, n(5), n(9)))).isTrue();
        assertThat(expectedHolds("n", op(ComparisonOperator.BETWEEN, n(6), n(9)))).isFalse();
    }

    @Test
    void valueAndExistsForms() {
        assertThat(expectedHolds("n", ExpectedAttributeValue.builder().value(n(5)).build())).isTrue();
        assertThat(expectedHolds("n", ExpectedAttributeValue.builder().value(n(5)).exists(true).build())).isTrue();
        assertThat(expectedHolds("n", ExpectedAttributeValue.builder().value(n(4)).build())).isFalse();
        assertThat(expectedHolds("missing", ExpectedAttributeValue.builder().exists(false).build())).isTrue();
        assertThat(expectedHolds("n", ExpectedAttributeValue.builder().exists(false).build())).isFalse();
    }

    @Test
    void wrongNumberOrTypeOfValuesIsAValidationError() {
        assertValidationStartsWith("One or more parameter values were invalid: Invalid number of argument(s) for the EQ",
                () -> expectedHolds("n", op(ComparisonOperator.EQ)));
        assertValidationStartsWith("One or more parameter values were invalid: Invalid number of argument(s) for the NULL",
                () -> expectedHolds("n", op(ComparisonOperator.NULL, n(1))));
        assertValidationStartsWith("One or more parameter values were invalid: ComparisonOperator LT is not valid for SS",
                () -> expectedHolds("n", op(ComparisonOperator.LT, ss("a"))));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> expectedHolds("n", ExpectedAttributeValue.builder().exists(true).build()));
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> expectedHolds("n", ExpectedAttributeValue.builder().value(n(1)).exists(false).build()));
    }

    @Test
    void conditionalOperatorJoinsExpectedWithAndOrOr() {
        Map<String, ExpectedAttributeValue> oneTrueOneFalse = Map.of(
                "n", op(ComparisonOperator.EQ, n(5)), "s", op(ComparisonOperator.EQ, s("nope")));
        assertThat(catchCheck(() -> db.deleteItem(r -> r.tableName(table).key(KEY).expected(oneTrueOneFalse)))).isTrue();
        db.deleteItem(r -> r.tableName(table).key(KEY).expected(oneTrueOneFalse).conditionalOperator(ConditionalOperator.OR));
        assertThat(get(table, KEY)).isNull();
    }

    private static boolean catchCheck(Runnable call) {
        try {
            call.run();
            return false;
        } catch (ConditionalCheckFailedException e) {
            return true;
        }
    }

    @Test
    void putItemWithExpected() {
        assertThat(catchCheck(() -> db.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))))).isTrue();
        db.putItem(r -> r.tableName(table).item(item("pk", s("new")))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
        assertThat(get(table, item("pk", s("new")))).isNotNull();
    }

    @Test
    void attributeUpdatesPutAddAndDelete() {
        var response = db.updateItem(r -> r.tableName(table).key(KEY).returnValues(ReturnValue.ALL_NEW).attributeUpdates(Map.of(
                "s", AttributeValueUpdate.builder().value(s("bye")).build(),
                "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(3)).build(),
                "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ss("a")).build(),
                "list", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(l(s("y"))).build(),
                "counter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(1)).build())));
        assertThat(response.attributes()).containsEntry("s", s("bye")).containsEntry("n", n("8"))
                .containsEntry("tags", ss("b")).containsEntry("list", l(s("x"), n(1), s("y")))
                .containsEntry("counter", n("1"));
        db.updateItem(r -> r.tableName(table).key(KEY).attributeUpdates(Map.of(
                "s", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build())));
        assertThat(get(table, KEY)).doesNotContainKey("s");
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).attributeUpdates(Map.of(
                        "s", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(s("x")).build()))));
        assertValidationStartsWith("One or more parameter values were invalid: Cannot update attribute pk",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).attributeUpdates(Map.of(
                        "pk", AttributeValueUpdate.builder().value(s("x")).build()))));
    }

    @Test
    void keyConditionsAndQueryFilter() {
        String sorted = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 0; i < 10; i++) {
            put(sorted, item("pk", s("p"), "sk", n(i), "odd", bool(i % 2 == 1)));
        }
        var between = db.query(r -> r.tableName(sorted).keyConditions(Map.of(
                "pk", condition(ComparisonOperator.EQ, s("p")),
                "sk", condition(ComparisonOperator.BETWEEN, n(2), n(6)))));
        assertThat(between.items()).extracting(i -> i.get("sk").n()).containsExactly("2", "3", "4", "5", "6");
        var filtered = db.query(r -> r.tableName(sorted).keyConditions(Map.of(
                        "pk", condition(ComparisonOperator.EQ, s("p")), "sk", condition(ComparisonOperator.GE, n(5))))
                .queryFilter(Map.of("odd", condition(ComparisonOperator.EQ, bool(true)))));
        assertThat(filtered.items()).extracting(i -> i.get("sk").n()).containsExactly("5", "7", "9");
        assertThat(filtered.scannedCount()).isEqualTo(5);
        assertValidationStartsWith("One or more parameter values were invalid",
                () -> db.query(r -> r.tableName(sorted).keyConditions(Map.of(
                        "pk", condition(ComparisonOperator.EQ, s("p")), "sk", condition(ComparisonOperator.NE, n(1))))));
        assertValidationStartsWith("QueryFilter can only contain non-key attributes",
                () -> db.query(r -> r.tableName(sorted).keyConditions(Map.of("pk", condition(ComparisonOperator.EQ, s("p"))))
                        .queryFilter(Map.of("sk", condition(ComparisonOperator.EQ, n(1))))));
    }

    @Test
    void scanFilterWithConditionalOperator() {
        put(table, item("pk", s("k2"), "n", n(1)));
        put(table, item("pk", s("k3"), "n", n(9)));
        var or = db.scan(r -> r.tableName(table).scanFilter(Map.of(
                        "n", condition(ComparisonOperator.LT, n(2)), "s", condition(ComparisonOperator.NOT_NULL)))
                .conditionalOperator(ConditionalOperator.OR));
        assertThat(or.items()).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("k", "k2");
        var and = db.scan(r -> r.tableName(table).scanFilter(Map.of(
                "n", condition(ComparisonOperator.GT, n(2)), "s", condition(ComparisonOperator.NULL))));
        assertThat(and.items()).extracting(i -> i.get("pk").s()).containsExactly("k3");
    }

    // "Can not use both expression and non-expression parameters in the same request"
    @Test
    void expressionAndLegacyParametersCannotBeMixed() {
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression("attribute_exists(pk)")
                        .expected(Map.of("n", op(ComparisonOperator.NOT_NULL)))));
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = :v")
                        .expressionAttributeValues(Map.of(":v", n(1)))
                        .attributeUpdates(Map.of("b", AttributeValueUpdate.builder().value(n(1)).build()))));
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}",
                () -> db.scan(r -> r.tableName(table).filterExpression("attribute_exists(n)")
                        .scanFilter(Map.of("n", condition(ComparisonOperator.NOT_NULL)))));
        assertValidation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
                () -> db.query(r -> r.tableName(table).keyConditionExpression("pk = :k")
                        .expressionAttributeValues(Map.of(":k", s("k")))
                        .keyConditions(Map.of("pk", condition(ComparisonOperator.EQ, s("k"))))));
        assertThat(List.of(get(table, KEY))).isNotEmpty();
    }
}
