package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.s;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expressions whose DynamoDB answers are recorded in public test suites run against the real service
 * (dynalite's test/ folder, ScyllaDB's test/alternator): which error wins when several are present.
 */
class RecordedDynamoDbCasesTest {

    private static void assertFilterError(String expression, Map<String, String> names,
                                          Map<String, AttributeValue> values, String message) {
        assertValidation(() -> new ExpressionContext(names, values).condition(expression, "FilterExpression"),
                "Invalid FilterExpression: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "things are not gonna be ok", "a > 4", "attribute_exists(Pictures-RearView)",
            "attribute_exists(\"Pictures.RearView\")", "attribute_exists(Pictures..RearView)",
            "attribute_exists(Pi#ctures.RearView)", "attribute_exists(asdf[a])", "a in b, c", "a > between",
            "a in b", "a in (b,c,)", "(a)between(b.(c.d))and(c)", "(a)between(b.c.d)and((c)", "#$.b > a",
            "a > :things.stuff", "b[:a] > a", "b[#_] > a", "\u00fc > a", "(a)between(b.c[4.5].#d)and(:a)",
            "size(a).b > a", "(size(a)).b > a", "size(a)[0] > a", "(size(a))[0] > a",
    })
    void refusesAsSyntaxErrors(String expression) {
        assertThatThrownBy(() -> new ExpressionContext(null, null).condition(expression, "FilterExpression"))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Invalid FilterExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a=a and a > ((views))", "(a)between(((b.c)).d)and(c)", "a > whatever((:things), ((a)))",
            "a=a AND ((a=a AND a=a)) AND a=a", "a=a OR ((a=a OR a=a)) OR a=a", "a=a AND ((a=a AND (a=a AND a=a)))",
            "a=a OR ((a=a OR (a=a OR a=a)))",
    })
    void reportsRedundantParenthesesFirst(String expression) {
        assertFilterError(expression, null, null, "The expression has redundant parentheses;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=a and whatever((:things)) > a | Invalid function name; function: whatever",
            "attRIbute_exIsts((views), #a) | Invalid function name; function: attRIbute_exIsts",
            "a=a and attribute_exists((views), (#a)) > b | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_not_exists(things) > b | The function is not allowed to be used this way in an expression; function: attribute_not_exists",
            "contains(:things, c) > b | The function is not allowed to be used this way in an expression; function: contains",
            "size(contains(a, b)) > a | The function is not allowed to be used this way in an expression; function: contains",
            "a between b and attribute_exists(things) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "a in (b, attribute_exists(things)) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_exists(views, #a) | Attribute name is a reserved keyword; reserved keyword: views",
            ":a < abOrT | Attribute name is a reserved keyword; reserved keyword: abOrT",
            "attribute_exists(#Pictures.RearView, :a) and a=a | An expression attribute name used in the document path is not defined; attribute name: #Pictures",
            "begins_with(Pictures.#RearView) | An expression attribute name used in the document path is not defined; attribute name: #RearView",
            "(#P between :lo and :hi) and (#PC in (:cat1, :cat2)) | An expression attribute name used in the document path is not defined; attribute name: #P",
            "#4g > a | An expression attribute name used in the document path is not defined; attribute name: #4g",
            "(a)between(b.c[45].#d)and(:a) | An expression attribute name used in the document path is not defined; attribute name: #d",
            "begins_with(:hello, #a, #b) | An expression attribute value used in expression is not defined; attribute value: :hello",
            ":_ > a | An expression attribute value used in expression is not defined; attribute value: :_",
            "attribute_exists(things, a) and a=a | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "begins_with(things, size(a), b) | Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3",
            "size(things, a) > b | Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
    })
    void reportsTheErrorDynamoDbReports(String expression, String message) {
        assertFilterError(expression, null, null, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "attribute_type(a, size(a)) and a=a and a=:a | attribute_type, operand type: N",
            "begins_with(a, size(a)) and a=:a | begins_with, operand type: N",
            "size(size(a)) > :a | size, operand type: N",
            "attribute_not_exists(size(:a)) | size, operand type: N",
            "begins_with(:a, a) | begins_with, operand type: N",
    })
    void reportsOperandTypesOfFunctions(String expression, String message) {
        assertFilterError(expression, null, item(":a", n(1)),
                "Incorrect operand type for operator or function; operator or function: " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a = a AND #a = b AND :views > a | =| [a]",
            "#a <> a | <>| [a]",
            "a > #a | >| [a]",
            "((a=a) OR (a=a)) | =| [a]",
            "contains(ab.bc[1].a, ab.bc[1].#a) | contains| [ab, bc, [1], a]",
            "attribute_type(ab.bc[1].#a, ab.bc[1].a) | attribute_type| [ab, bc, [1], a]",
            "begins_with(ab.bc[1].a, ab.bc[1].#a) | begins_with| [ab, bc, [1], a]",
    })
    void reportsOperandsThatAreNotDistinct(String expression, String operator, String path) {
        assertFilterError(expression, names("#a", "a"), null, "The first operand must be distinct from the remaining "
                + "operands for this operator or function; operator: " + operator + ", first operand: " + path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a > b and size(b) > c or a > c | Invalid operator used in KeyConditionExpression: OR",
            "a in (b, size(c), d) | Invalid operator used in KeyConditionExpression: IN",
            "contains(a.d, b) | Invalid operator used in KeyConditionExpression: contains",
            "not a > b | Invalid operator used in KeyConditionExpression: NOT",
            ":a between size(b) and size(a) and b > :b | Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
            "begins_with(:a, b) and a > :b | Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
            "size(b) > a AND a.b > b AND b > c | KeyConditionExpressions cannot contain nested operations",
            "a > size(b.d) | KeyConditionExpressions cannot contain nested operations",
            "a between size(b) and size(a) | KeyConditionExpressions cannot contain nested operations",
            "b > a.b | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b between c[1] and d | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "a between b and size(a) | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "begins_with(a, b) | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b.d > a AND c.d > e.f | KeyConditionExpressions cannot have conditions on nested attributes",
            "b[0] > a | KeyConditionExpressions cannot have conditions on nested attributes",
            ":b > :a AND a < :b | Invalid condition in KeyConditionExpression: No key attribute specified",
            "b > :a AND b < :a and c = :a and d = :a | KeyConditionExpressions must only contain one condition per key",
            "(a > :a and b > :a) and (b > :a and c > :a) | KeyConditionExpressions must only contain one condition per key",
            ":a = a and b = :a and :a = c | Conditions can be of length 1 or 2 only",
    })
    void reportsKeyConditionErrors(String expression, String message) {
        assertValidation(() -> new ExpressionContext(null, item(":a", s("1"), ":b", s("1"))).keyConditions(expression),
                message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a) | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]",
            "set #c[3].#d = a, #c[3] = a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]",
            "set #c[3].#d = a, #c.#d[3] = if_not_exists(a) | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]",
            "remove a.#c set a[1] = #d | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]",
            " set #c = :c set abOrt = true  | Attribute name is a reserved keyword; reserved keyword: abOrt",
            "set #c = if_not_exist(:c) set c = d | Invalid function name; function: if_not_exist",
            "add #d :e set a = b add e :f | The \"ADD\" section can only be used once in an update expression;",
            "delete #d :e set a = b delete #e :f | The \"DELETE\" section can only be used once in an update expression;",
            "set b = list_append(:s, a), c = if_not_exists(a) add a.b :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
    })
    void reportsUpdateErrors(String expression, String message) {
        ExpressionContext context = new ExpressionContext(names("#c", "c", "#d", "[3]"), item(":s", s("a")));
        assertValidation(() -> context.update(expression), "Invalid UpdateExpression: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "add :a b", "delete :a b", "remove :a", "set a = b / c", "set a = b * c", "set a[1] = \"eight\"",
            "set a[1] = 1", "SET a = if_not_exist(a, 100)", "SET if_not_exist(a, b) = a", "set (a = (b + c))",
            "set a = (b.c).d + e", "set a = (b.c)[0] + e", "set a = b + c + d",
    })
    void refusesUpdateSyntax(String expression) {
        assertThatThrownBy(() -> new ExpressionContext(null, null).update(expression))
                .hasMessageStartingWith("Invalid UpdateExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"whatever(stuff)", ":a", "abort,", "a,,b", "a..b", "a[b]", "(a.b).c", "(a)", "(a),(b)",
            "(a,b)", "a-b"})
    void refusesProjectionSyntax(String expression) {
        assertThatThrownBy(() -> new ExpressionContext(null, null).projection(expression))
                .hasMessageStartingWith("Invalid ProjectionExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a,b,a,#a | An expression attribute name used in the document path is not defined; attribute name: #a",
            "b[1], b.a, #b.b, a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]",
            "a.b, #b[1], #c | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]",
            "a[3].b, #b.#c.b | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [3], b], path two: [a, [3], b]",
            "a.abORt | Attribute name is a reserved keyword; reserved keyword: abORt",
    })
    void reportsProjectionErrors(String expression, String message) {
        ExpressionContext context = new ExpressionContext(names("#b", "a", "#c", "[3]"), null);
        assertValidation(() -> context.projection(expression), "Invalid ProjectionExpression: " + message);
    }
}
