package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.l;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.s;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateErrorsTest {
    private static final Map<String, AttributeValue> VALUES = item(
            ":v", n(1), ":w", n(2), ":s", s("x"), ":l", l(n(1)), ":val1", n(3), ":val2", s("there"));

    private static void assertUpdateError(String expression, String message) {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#a2", "a"), VALUES);
        assertValidation(() -> context.update(expression), "Invalid UpdateExpression: " + message);
    }

    @Test
    void refusesEmptyExpression() {
        assertUpdateError("", "The expression can not be empty;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SET a = :v, | <EOF>| ,",
            "SET _123 = :v | _| SET _123",
            "SET 123a = :v | 123| SET 123a",
            "SET hi-there = :v | -| hi-there",
            "SET :a = :v | :a| SET :a =",
            "HELLO b = :v | HELLO| HELLO b",
            "SET a = :v + :w + :v | +| :w + :v",
            "SET a[:v] = :w | :v| [:v]",
            "SET a[#a] = :w | #a| [#a]",
            "SET c = if_not_exists(c, :v + :w) | +| :v + :w",
            "SET a = _f(b) | _| = _f",
            "SET # = :v | #| SET # =",
            "SET a = : | :| = :",
            "ADD a b | b| a b",
            "REMOVE a = :v | =| a = :v",
            "SET a = :v REMOVE | <EOF>| REMOVE",
            "SET a | <EOF>| a",
            "SET remove = :v | remove| SET remove =",
    })
    void reportsSyntaxErrors(String expression, String token, String near) {
        assertUpdateError(expression, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SET a = :v SET b = :w | The \"SET\" section can only be used once in an update expression;",
            "SET a = :v REMOVE c set b = :w | The \"SET\" section can only be used once in an update expression;",
            "REMOVE a, b REMOVE c | The \"REMOVE\" section can only be used once in an update expression;",
            "SET a = :v REMOVE a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
            "SET #a = :v, #a2 = :w | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
            "SET a = :val1, a.b = :val2 | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
            "SET a.b.c = :val1, a.b = :val2 | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, c], path two: [a, b]",
            "SET a[1][1] = :val1, a[1] = :val2 | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [1], [1]], path two: [a, [1]]",
            "ADD a :v DELETE a.b :w | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
            "SET a.b = :val1, a[1] = :val2 | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]",
            "SET a.b.c = :val1, a.b[2] = :val2 | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b, c], path two: [a, b, [2]]",
            "SET a = f(b, c) | Invalid function name; function: f",
            "SET a = LIST_APPEND(:l, :l) | Invalid function name; function: LIST_APPEND",
            "SET a = size(b) | Invalid function name; function: size",
            "SET a = list_append(:l) | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1",
            "SET a = list_append(:l, :l, :l) | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 3",
            "SET a = list_append(:l, :s) | Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
            "SET a = list_append(list_append(:l, :l), :l) | The function is not allowed to be used this way in an expression; function: list_append",
            "SET b = if_not_exists(:v, :w) | Operator or function requires a document path; operator or function: if_not_exists",
            "SET b = if_not_exists(if_not_exists(a, :v), :w) | Operator or function requires a document path; operator or function: if_not_exists",
            "SET b = :s + :v | Incorrect operand type for operator or function; operator or function: +, operand type: S",
            "ADD a :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "DELETE a :v | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
            "SET #b = :v | An expression attribute name used in the document path is not defined; attribute name: #b",
            "SET a = :nope | An expression attribute value used in expression is not defined; attribute value: :nope",
            "SET b = if_not_exists(:nope, :v) | An expression attribute value used in expression is not defined; attribute value: :nope",
            "SET status = :v | Attribute name is a reserved keyword; reserved keyword: status",
            "REMOVE a.#a.Comment | Attribute name is a reserved keyword; reserved keyword: Comment",
    })
    void reportsSemanticErrors(String expression, String message) {
        assertUpdateError(expression, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SET a = f(b) REMOVE status | Attribute name is a reserved keyword; reserved keyword: status",
            "SET a = :v SET a = f(b) | Invalid function name; function: f",
            "SET a = :nope SET b = :v | The \"SET\" section can only be used once in an update expression;",
            "SET a = :nope, #zz = :v | An expression attribute name used in the document path is not defined; attribute name: #zz",
            "SET a = :v, a = :nope | An expression attribute value used in expression is not defined; attribute value: :nope",
            "SET a.b = :v, a[1] = :w, a.b = :v | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b]",
            "ADD a :s SET a = :v | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
    })
    void reportsErrorsInDynamoDbOrder(String expression, String message) {
        assertUpdateError(expression, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET a = :val1, a.b = :val2", "SET a.b = :val1, a = :val2", "SET a.b = :val1, a.b = :val2",
            "SET a.b = :val1, a.b.c = :val2", "SET a.b = :val1, a.b.c.d.e = :val2", "SET a = :val1, a[1] = :val2",
            "SET a[1] = :val1, a = :val2", "SET a[1] = :val1, a[1] = :val2", "SET a[1] = :val1, a[1][1] = :val2",
            "SET a[1][1][1][1] = :val1, a[1][1] = :val2",
    })
    void detectsEveryOverlapBeforeLookingAtTheItem(String expression) {
        assertThatThrownBy(() -> new ExpressionContext(null, VALUES).update(expression))
                .hasMessageContaining("Two document paths overlap");
    }

    @Test
    void acceptsNonOverlappingPathsOfOneAttribute() {
        new ExpressionContext(null, VALUES).update("SET a.b = :v, a.c.d = :w, b.x = :s REMOVE a.x, b.y");
        new ExpressionContext(null, VALUES).update("SET a[1] = :v, a[2] = :w REMOVE a[3]");
    }
}
