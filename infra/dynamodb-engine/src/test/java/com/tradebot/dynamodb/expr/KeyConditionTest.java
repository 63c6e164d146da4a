package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.b;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

class KeyConditionTest {
    private static final Map<String, AttributeValue> VALUES = item(
            ":p", s("user#1"), ":lo", n(1), ":hi", n(9), ":pre", s("ord"), ":five", n(5), ":b", b(1));

    private static List<KeyCondition> parse(String expression) {
        return new ExpressionContext(names("#pk", "pk", "#sk", "sk"), VALUES).keyConditions(expression);
    }

    @Test
    void parsesPartitionKeyAlone() {
        assertThat(parse("pk = :p")).containsExactly(new KeyCondition("pk", KeyCondition.Op.EQ, List.of(s("user#1"))));
        assertThat(parse("#pk = :p")).containsExactly(new KeyCondition("pk", KeyCondition.Op.EQ, List.of(s("user#1"))));
    }

    @Test
    void parsesSortKeyConditions() {
        assertThat(parse("pk = :p AND sk BETWEEN :lo AND :hi")).containsExactly(
                new KeyCondition("pk", KeyCondition.Op.EQ, List.of(s("user#1"))),
                new KeyCondition("sk", KeyCondition.Op.BETWEEN, List.of(n(1), n(9))));
        assertThat(parse("begins_with(#sk, :pre) AND pk = :p")).containsExactly(
                new KeyCondition("sk", KeyCondition.Op.BEGINS_WITH, List.of(s("ord"))),
                new KeyCondition("pk", KeyCondition.Op.EQ, List.of(s("user#1"))));
        assertThat(parse("pk = :p and (sk <= :five)").get(1).op()).isEqualTo(KeyCondition.Op.LE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sk < :five | LT", "sk <= :five | LE", "sk > :five | GT", "sk >= :five | GE", "sk = :five | EQ",
            ":five > sk | LT", ":five >= sk | LE", ":five < sk | GT", ":five <= sk | GE", ":five = sk | EQ",
    })
    void normalisesKeyToTheLeft(String expression, KeyCondition.Op op) {
        assertThat(parse(expression)).containsExactly(new KeyCondition("sk", op, List.of(n(5))));
    }

    @Test
    void matchesKeyValues() {
        KeyCondition between = new KeyCondition("sk", KeyCondition.Op.BETWEEN, List.of(n(1), n(9)));
        assertThat(between.matches(n(1))).isTrue();
        assertThat(between.matches(n(9))).isTrue();
        assertThat(between.matches(n(10))).isFalse();
        assertThat(between.matches(s("5"))).isFalse();
        KeyCondition prefix = new KeyCondition("sk", KeyCondition.Op.BEGINS_WITH, List.of(s("ord")));
        assertThat(prefix.matches(s("order#1"))).isTrue();
        assertThat(prefix.matches(s("or"))).isFalse();
        KeyCondition binaryPrefix = new KeyCondition("sk", KeyCondition.Op.BEGINS_WITH, List.of(b(1)));
        assertThat(binaryPrefix.matches(b(1, 2))).isTrue();
        assertThat(binaryPrefix.matches(b(2))).isFalse();
        KeyCondition less = new KeyCondition("sk", KeyCondition.Op.LT, List.of(s("b")));
        assertThat(less.matches(s("a"))).isTrue();
        assertThat(less.matches(s("b"))).isFalse();
        assertThat(less.matches(n(1))).isFalse();
        assertThat(new KeyCondition("pk", KeyCondition.Op.EQ, List.of(n(5))).matches(n("5.0"))).isTrue();
        assertThat(new KeyCondition("pk", KeyCondition.Op.GE, List.of(n(5))).matches(n(5))).isTrue();
        assertThat(new KeyCondition("pk", KeyCondition.Op.GT, List.of(n(5))).matches(n(5))).isFalse();
        assertThat(new KeyCondition("pk", KeyCondition.Op.LE, List.of(n(5))).matches(null)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :p OR sk = :five | Invalid operator used in KeyConditionExpression: OR",
            "NOT pk = :p | Invalid operator used in KeyConditionExpression: NOT",
            "pk IN (:p) | Invalid operator used in KeyConditionExpression: IN",
            "pk <> :p | Invalid operator used in KeyConditionExpression: <>",
            "pk = :p AND attribute_exists(sk) | Invalid operator used in KeyConditionExpression: attribute_exists",
            "pk = :p AND contains(sk, :pre) | Invalid operator used in KeyConditionExpression: contains",
            "pk = :p AND size(sk) = :five | KeyConditionExpressions cannot contain nested operations",
            "pk = sk | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            ":p = :five | Invalid condition in KeyConditionExpression: No key attribute specified",
            "pk.x = :p | KeyConditionExpressions cannot have conditions on nested attributes",
            "pk = :p AND pk = :p | KeyConditionExpressions must only contain one condition per key",
            "pk = :p AND sk = :five AND third = :lo | Conditions can be of length 1 or 2 only",
            ":lo BETWEEN sk AND :hi | Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
            "begins_with(:pre, sk) | Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
    })
    void refusesWhatKeysCannotDo(String expression, String message) {
        assertValidation(() -> parse(expression), message);
    }

    @Test
    void reportsParseErrorsAsKeyConditionExpression() {
        assertValidation(() -> parse("pk = "),
                "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertValidation(() -> parse("((pk = :p))"),
                "Invalid KeyConditionExpression: The expression has redundant parentheses;");
        assertValidation(() -> parse(""), "Invalid KeyConditionExpression: The expression can not be empty;");
    }
}
