package com.tradebot.dynamodb.conformance.expressions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Condition grammar, evaluated as a Scan filter over a table holding one item (the same evaluator serves
 * ConditionExpression), so each case reads "this expression holds / does not hold for this item".
 */
class ConditionAndFilterExpressionTest extends ConformanceTest {
    private String table;

    /** Values every case may use; unused ones are dropped per case, since DynamoDB rejects unused values. */
    private static final Map<String, AttributeValue> VALUES = Map.ofEntries(
            Map.entry(":42", n(42)), Map.entry(":40", n(40)), Map.entry(":100", n(100)), Map.entry(":wrong", n(-1)),
            Map.entry(":s42", s("42")), Map.entry(":hello", s("hello")), Map.entry(":hel", s("hel")), Map.entry(":wor", s("wor")),
            Map.entry(":z", s("z")), Map.entry(":a", s("a")), Map.entry(":one", n(1)), Map.entry(":two", n(2)), Map.entry(":three", n(3)),
            Map.entry(":eleven", n(11)), Map.entry(":true", bool(true)), Map.entry(":false", bool(false)), Map.entry(":deep", s("deep")),
            Map.entry(":N", s("N")), Map.entry(":S", s("S")), Map.entry(":SS", s("SS")), Map.entry(":NULL", s("NULL")),
            Map.entry(":M", s("M")), Map.entry(":L", s("L")), Map.entry(":BOOL", s("BOOL")), Map.entry(":B", s("B")),
            Map.entry(":strsCopy", ss("b", "a")), Map.entry(":lstCopy", l(s("a"), n(1), m("x", n(1)))), Map.entry(":empty", s("")),
            Map.entry(":twoDotZero", n("2.0")), Map.entry(":fortyTwoE0", n("4.2E1")), Map.entry(":bin123", b(new byte[] {1, 2, 3})),
            Map.entry(":bin12", b(new byte[] {1, 2})), Map.entry(":bin9", b(new byte[] {9})));

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "str", s("hello world"), "num", n(42), "price", n("3.5"), "flag", bool(false),
                "nothing", nul(), "strs", ss("a", "b"), "nums", ns("1", "2"), "lst", l(s("a"), n(1), m("x", n(1))),
                "mp", m("a", m("b", s("deep")), "n", n(1)), "bin", b(new byte[] {1, 2, 3}), "blank", s("")));
    }

    private boolean holds(String expression) {
        Map<String, AttributeValue> used = new HashMap<>();
        VALUES.forEach((k, v) -> {
            if (expression.matches(".*" + k + "(?![A-Za-z0-9_]).*")) {
                used.put(k, v);
            }
        });
        return db.scan(r -> r.tableName(table).filterExpression(expression)
                .expressionAttributeValues(used.isEmpty() ? null : used)).count() == 1;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "num = :42 | true", "num <> :42 | false", "num < :100 | true", "num <= :42 | true", "num > :42 | false", "num >= :40 | true",
            "price < :42 | true",
            // values of different types are never equal and never ordered
            "num = :s42 | false", "num <> :s42 | true", "num < :s42 | false",
            // strings compare by code points
            "str > :hello | true", "str < :z | true",
            "num BETWEEN :40 AND :42 | true", "num BETWEEN :40 AND :40 | false",
            "num IN (:one, :42) | true", "num IN (:one, :two) | false",
            // precedence: NOT binds tighter than AND, which binds tighter than OR
            "num = :42 OR num = :wrong AND flag = :true | true",
            "(num = :42 OR num = :wrong) AND flag = :true | false",
            "NOT num = :wrong AND flag = :true | false",
            "NOT (num = :wrong AND flag = :true) | true",
            "flag = :false | true", "attribute_type(flag, :S) | false",
            "attribute_exists(nothing) | true", "attribute_exists(absent) | false", "attribute_not_exists(absent) | true",
            "attribute_exists(mp.a.b) | true", "attribute_exists(mp.a.zz) | false", "attribute_exists(lst[2].x) | true",
            "attribute_exists(lst[3]) | false",
            "attribute_type(num, :N) | true", "attribute_type(num, :S) | false", "attribute_type(strs, :SS) | true",
            "attribute_type(nothing, :NULL) | true", "attribute_type(mp, :M) | true", "attribute_type(lst, :L) | true",
            "attribute_type(bin, :B) | true",
            "begins_with(str, :hel) | true", "begins_with(str, :wor) | false", "begins_with(num, :hel) | false",
            "contains(str, :wor) | true", "contains(str, :z) | false", "contains(strs, :a) | true", "contains(strs, :z) | false",
            "contains(nums, :two) | true", "contains(lst, :a) | true", "contains(lst, :two) | false",
            "size(str) = :eleven | true", "size(strs) = :two | true", "size(lst) = :three | true", "size(mp) = :two | true",
            "size(bin) = :three | true", "size(absent) = :one | false", "size(num) > :one | false",
            "mp.a.b = :deep | true", "lst[2].x = :one | true", "lst[0] = :a | true",
            "strs = :strsCopy | true",
            "blank = :empty | true",
            // a missing attribute makes every comparison false, so its negation and <> are true
            "absent = :42 | false", "absent <> :42 | true", "NOT absent = :42 | true", "absent < :42 | false",
            "absent IN (:42, :one) | false", "NOT absent IN (:42, :one) | true", "NOT begins_with(absent, :hel) | true",
            "contains(str, :42) | false", "contains(nums, :s42) | false", "lst[1] = :one | true", "lst[7] = :one | false",
            "str.child = :a | false", "mp.n BETWEEN :one AND :two | true",
            // numbers compare by value, whatever their spelling
            "num = :fortyTwoE0 | true", "contains(nums, :twoDotZero) | true", "num IN (:fortyTwoE0) | true",
            "bin = :bin123 | true", "begins_with(bin, :bin12) | true", "begins_with(bin, :bin9) | false", "bin > :bin12 | true",
    })
    void evaluates(String expression, boolean expected) {
        assertThat(holds(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    @Tag("beyond-dynalite") // dynalite compares lists and maps by identity
    void equalityOfListsAndMapsIsDeep() {
        assertThat(holds("lst = :lstCopy")).isTrue();
    }

    @Test
    @Tag("beyond-dynalite") // dynalite treats a false BOOL as absent in attribute_type
    void attributeTypeOfAFalseBoolean() {
        assertThat(holds("attribute_type(flag, :BOOL)")).isTrue();
    }

    @Test
    @Tag("beyond-dynalite") // dynalite gets size() of empty strings wrong
    void sizeOfAnEmptyStringIsZero() {
        Map<String, AttributeValue> zero = Map.of(":zero", n(0));
        assertThat(db.scan(r -> r.tableName(table).filterExpression("size(blank) = :zero").expressionAttributeValues(zero)).count())
                .isEqualTo(1);
    }

    @Test
    void betweenWithBoundsOutOfOrderIsRejected() {
        assertValidationStartsWith("Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound",
                () -> holds("num BETWEEN :42 AND :40"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "((num = :42)) | The expression has redundant parentheses;",
            "num = num | The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [num]",
            "begins_with(str, :hel) = :true | The function is not allowed to be used this way in an expression; function: begins_with",
            "attribute_exists(:hel) | Operator or function requires a document path; operator or function: attribute_exists",
            "begins_with(str, :42) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            "size(:42) = :one | Incorrect operand type for operator or function; operator or function: size, operand type: N",
            "num BETWEEN :40 AND :hello | The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:40}, upper bound operand: AttributeValue: {S:hello}",
            "attribute_type(num, :42) | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
    })
    void staticallyInvalidExpressionsAreRejected(String expression, String message) {
        assertValidation("Invalid FilterExpression: " + message, () -> holds(expression));
    }

    @Test
    void unknownFunctionIsRejected() {
        assertValidation("Invalid FilterExpression: Invalid function name; function: nope", () -> holds("nope(num)"));
    }

    @Test
    void wrongNumberOfOperandsIsRejected() {
        assertValidation("Invalid FilterExpression: Incorrect number of operands for operator or function; "
                + "operator or function: begins_with, number of operands: 1", () -> holds("begins_with(str)"));
    }

    @Test
    void unknownAttributeTypeIsRejected() {
        Map<String, AttributeValue> values = Map.of(":t", s("XX"));
        assertValidationStartsWith("Invalid FilterExpression: Invalid attribute type name found; type: XX",
                () -> db.scan(r -> r.tableName(table).filterExpression("attribute_type(num, :t)").expressionAttributeValues(values)));
    }

    @Test
    void sizeOfAFunctionWithoutComparisonIsRejected() {
        assertValidationStartsWith("Invalid FilterExpression: ", () -> holds("size(str)"));
    }

    @Test
    void syntaxErrorsAreReported() {
        assertValidationStartsWith("Invalid FilterExpression: Syntax error;", () -> holds("num = = :42"));
    }

    @Test
    void emptyExpressionIsRejected() {
        assertValidation("Invalid FilterExpression: The expression can not be empty;",
                () -> db.scan(r -> r.tableName(table).filterExpression("")));
    }

    @Test
    void conditionExpressionUsesTheSameGrammar() {
        db.updateItem(r -> r.tableName(table).key(item("pk", s("k"))).updateExpression("SET touched = :true")
                .conditionExpression("size(strs) = :two AND contains(str, :wor) AND NOT attribute_exists(touched)")
                .expressionAttributeValues(Map.of(":true", bool(true), ":two", n(2), ":wor", s("wor"))));
        assertThat(get(table, item("pk", s("k"))).get("touched")).isEqualTo(bool(true));
    }
}
