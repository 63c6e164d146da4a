package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.l;
import static com.tradebot.dynamodb.expr.Values.m;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("p"),
            "a", m("b", n(1), "c", n(2), "d", m("e", l(s("x"), m("f", s("y"), "g", s("z"))))),
            "letters", l(s("x"), s("y"), s("z")),
            "alt", s("o"),
            "scalar", n(5));

    private static Map<String, AttributeValue> project(String expression) {
        return new ExpressionContext(names("#o", "alt", "#st", "status"), null).projection(expression).apply(ITEM);
    }

    @Test
    void projectsTopLevelAttributes() {
        assertThat(project("pk, alt")).isEqualTo(item("pk", s("p"), "alt", s("o")));
        assertThat(project("#o")).isEqualTo(item("alt", s("o")));
        assertThat(project("nothing, #st")).isEmpty();
    }

    @Test
    void keepsNestingOfProjectedPaths() {
        assertThat(project("a.c, letters[2], letters[0], #o"))
                .isEqualTo(item("a", m("c", n(2)), "letters", l(s("x"), s("z")), "alt", s("o")));
        assertThat(project("a.d.e[1].g, a.b"))
                .isEqualTo(item("a", m("d", m("e", l(m("g", s("z")))), "b", n(1))));
    }

    @Test
    void leavesOutPathsThatLeadNowhere() {
        assertThat(project("letters[7], a.zz, scalar.x, pk")).isEqualTo(item("pk", s("p")));
        assertThat(project("scalar[0], a[0]")).isEmpty();
        assertThat(project("letters[1], letters[9]")).isEqualTo(item("letters", l(s("y"))));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a, a.b | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
            "a.b, a[0] | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]",
            "a, status | Attribute name is a reserved keyword; reserved keyword: status",
            "#zz | An expression attribute name used in the document path is not defined; attribute name: #zz",
            "!! | Syntax error; token: \"!\", near: \"!!\"",
            "a, | Syntax error; token: \"<EOF>\", near: \",\"",
            "a b | Syntax error; token: \"b\", near: \"a b\"",
            "a.:v | Syntax error; token: \":v\", near: \".:v\"",
            "`` | The expression can not be empty;",
    })
    void reportsErrors(String expression, String message) {
        ExpressionContext context = new ExpressionContext(names("#o", "alt"), null);
        assertValidation(() -> context.projection(expression), "Invalid ProjectionExpression: " + message);
    }
}
