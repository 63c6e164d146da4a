package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.b;
import static com.tradebot.dynamodb.expr.Values.bool;
import static com.tradebot.dynamodb.expr.Values.bs;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.l;
import static com.tradebot.dynamodb.expr.Values.m;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.ns;
import static com.tradebot.dynamodb.expr.Values.nul;
import static com.tradebot.dynamodb.expr.Values.s;
import static com.tradebot.dynamodb.expr.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionEvaluationTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("p"),
            "num", n(10),
            "str", s("banana"),
            "bin", b(1, 2, 3),
            "flag", bool(true),
            "nothing", nul(),
            "tags", ss("red", "green"),
            "nums", ns(1, 5),
            "bins", bs(Bytes.of(new byte[] {9})),
            "letters", l(s("a"), s("b"), n(3)),
            "info", m("nested", m("deep", s("x")), "arr", l(m("v", n(1)), m("v", n(2)))),
            "dotted.name", s("yes"),
            "emoji", s("\uD83D\uDE00"),
            "accents", s("\u00E9\uD834\uDD1E"),
            "blank", s(""),
            "nobytes", b());

    private static final Map<String, AttributeValue> VALUES = item(
            ":nine", n(9), ":ten", n("10.0"), ":eleven", n(11), ":hundred", n(100),
            ":apple", s("apple"), ":banana", s("banana"), ":ban", s("ban"), ":nan", s("nan"),
            ":red", s("red"), ":blue", s("blue"), ":five", n(5), ":three", n(3), ":two", n(2), ":six", n(6),
            ":x", s("x"), ":a", s("a"), ":t", bool(true), ":ss", s("SS"), ":null", s("NULL"), ":S", s("S"),
            ":b12", b(1, 2), ":b9", b(9), ":yes", s("yes"), ":bmp", s("\uFFFD"), ":four", n(4), ":one", n(1), ":zero", n(0),
            ":list", l(s("a"), s("b"), n(3)));

    private static boolean holds(String expression) {
        return holds(expression, ITEM);
    }

    private static boolean holds(String expression, Map<String, AttributeValue> item) {
        ExpressionContext context = new ExpressionContext(names("#d", "dotted.name", "#n", "num"), VALUES);
        return context.condition(expression, "ConditionExpression").matches(item);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "num > :nine | true",
            "num < :hundred | true",
            "num = :ten | true",
            "num >= :ten AND num <= :ten | true",
            "num <> :ten | false",
            "num < :nine | false",
            "str > :apple | true",
            "str = :banana | true",
            "str < :apple | false",
            "emoji > :bmp | true",
            "bin > :b12 | true",
            "bin < :b9 | true",
            "absent < :one | false",
            "absent = :one | false",
            "absent <> :one | true",
            "str > :nine | false",
            "str <> :nine | true",
            "letters = :list | true",
            "flag = :t | true",
            "num BETWEEN :nine AND :eleven | true",
            "num BETWEEN :eleven AND :hundred | false",
            "str BETWEEN :apple AND :banana | true",
            "absent BETWEEN :one AND :two | false",
            "str IN (:apple, :banana) | true",
            "str IN (:apple) | false",
            "num IN (:one, :ten) | true",
            "absent IN (:one) | false",
            "attribute_exists(num) AND attribute_not_exists(absent) | true",
            "attribute_exists(nothing) | true",
            "attribute_exists(info.nested.deep) | true",
            "attribute_not_exists(letters[9]) | true",
            "attribute_type(tags, :ss) AND attribute_type(nothing, :null) | true",
            "attribute_type(num, :S) | false",
            "attribute_type(absent, :S) | false",
            "begins_with(str, :ban) | true",
            "begins_with(str, :nan) | false",
            "begins_with(bin, :b12) | true",
            "begins_with(num, :ban) | false",
            "contains(str, :nan) | true",
            "contains(tags, :red) | true",
            "contains(tags, :blue) | false",
            "contains(nums, :five) | true",
            "contains(nums, :six) | false",
            "contains(bins, :b9) | true",
            "contains(letters, :three) | true",
            "contains(letters, :a) | true",
            "contains(letters, :x) | false",
            "contains(absent, :x) | false",
            "size(str) = :six | true",
            "size(tags) = :two AND size(letters) = :three AND size(info) = :two | true",
            "size(bin) = :three | true",
            "size(emoji) = :two | true",
            "size(accents) = :three | true",
            "size(blank) = :zero | true",
            "size(nobytes) = :zero | true",
            "size(num) = :two | false",
            "size(absent) < :one | false",
            ":six = size(str) | true",
            "size(str) > size(tags) | true",
            "info.nested.deep = :x | true",
            "info.arr[1].v = :two | true",
            "info.arr[5].v = :two | false",
            "letters[0] = :a | true",
            "letters[0].x = :a | false",
            "#d = :yes | true",
            "#n = :ten | true",
            
    })
    void evaluates(String expression, boolean expected) {
        assertThat(holds(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // AND binds tighter than OR: true OR (true AND false)
            "num = :ten OR num = :ten AND num = :eleven | true",
            "(num = :ten OR num = :ten) AND num = :eleven | false",
            // NOT binds tighter than AND: (NOT false) AND true
            "NOT num = :eleven AND num = :ten | true",
            "NOT (num = :ten) | false",
            "not num = :ten or num = :ten | true",
            "NOT NOT num = :ten | true",
            "num = :eleven OR NOT num = :eleven AND str = :apple | false",
            "(num) = :ten | true",
            "num = (:ten) | true",
            "(size(str)) = :six | true",
            "(attribute_exists(num)) | true",
            "((num = :ten) AND (str = :banana)) OR num = :one | true",
            "num between :nine and :eleven Or str in (:apple) | true",
    })
    void appliesPrecedenceAndParentheses(String expression, boolean expected) {
        assertThat(holds(expression)).isEqualTo(expected);
    }

    @Test
    void evaluatesAgainstEmptyItemForMissingItem() {
        assertThat(holds("attribute_not_exists(pk)", Map.of())).isTrue();
        assertThat(holds("attribute_exists(pk)", Map.of())).isFalse();
        assertThat(holds("num <> :one", Map.of())).isTrue();
    }

    @Test
    void keepsDottedNameBehindReferenceAsOneAttribute() {
        assertThat(holds("attribute_exists(#d)")).isTrue();
        assertThat(holds("attribute_exists(dotted.part)")).isFalse();
    }

    @Test
    void evaluatesSameParsedExpressionAgainstManyItems() {
        ConditionExpression condition = new ExpressionContext(null, item(":min", n(3)))
                .condition("score >= :min", "FilterExpression");
        assertThat(condition.matches(item("score", n(3)))).isTrue();
        assertThat(condition.matches(item("score", n(2)))).isFalse();
        assertThat(condition.matches(item("score", s("9")))).isFalse();
        assertThat(condition.matches(item())).isFalse();
    }
}
