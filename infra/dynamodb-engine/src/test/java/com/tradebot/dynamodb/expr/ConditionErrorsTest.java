package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.l;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.s;

class ConditionErrorsTest {
    private static final Map<String, AttributeValue> VALUES = item(
            ":v", n(1), ":w", n(2), ":s", s("x"), ":hi", n(5), ":lo", n(1), ":t", AttributeValue.TRUE,
            ":string", s("STRING"), ":type", s("SS"), ":l", l(n(1)), ":null", AttributeValue.NULL);

    private static void assertConditionError(String expression, String message) {
        ExpressionContext context = new ExpressionContext(names("#a", "a"), VALUES);
        assertValidation(() -> context.condition(expression, "ConditionExpression"), message);
    }

    @Test
    void refusesEmptyExpression() {
        assertValidation(() -> new ExpressionContext(null, null).condition("", "ConditionExpression"),
                "Invalid ConditionExpression: The expression can not be empty;");
        assertValidation(() -> new ExpressionContext(null, null).condition("", "FilterExpression"),
                "Invalid FilterExpression: The expression can not be empty;");
    }

    @Test
    void reportsBlankExpressionAsSyntaxError() {
        assertConditionError("   ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a = = :v | =| = = :v",
            "_hidden = :v | _| _hidden",
            "a = :v AND | <EOF>| AND",
            "a = :v , b = :w | ,| :v , b",
            "attribute_exists(a | <EOF>| a",
            "a BETWEEN :v :w | :w| :v :w",
            "a | <EOF>| a",
            "a AND b = :v | AND| a AND b",
            "a = :v OR | <EOF>| OR",
            "(a = :v | <EOF>| :v",
            "a = :v) | )| :v)",
            "a IN :v | :v| IN :v",
            "a[x] = :v | x| [x]",
            "a.1 = :v | 1| .1 =",
            "NOT | <EOF>| NOT",
            "a = :v AND AND b = :w | AND| AND AND b",
            "a ! :v | !| a ! :v",
            "#a.AND = :v | AND| .AND =",
    })
    void reportsSyntaxErrorsWithTokenAndContext(String expression, String token, String near) {
        assertConditionError(expression,
                "Invalid ConditionExpression: Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ATTRIBUTE_EXISTS(a) | Invalid function name; function: ATTRIBUTE_EXISTS",
            "starts_with(a, :s) | Invalid function name; function: starts_with",
            "begins_with(a, :s) = :t | The function is not allowed to be used this way in an expression; function: begins_with",
            "size(a) | The function is not allowed to be used this way in an expression; function: size",
            "size(a) AND a = :v | The function is not allowed to be used this way in an expression; function: size",
            "size(a, :v) = :v | Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
            "attribute_exists(a, b) | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "contains(a) | Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1",
            "attribute_exists(:v) | Operator or function requires a document path; operator or function: attribute_exists",
            "attribute_not_exists(size(a)) | Operator or function requires a document path; operator or function: attribute_not_exists",
            "contains(a, a) | The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]",
            "a.b[1] = a.b[1] | The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b, [1]]",
            "attribute_type(a, :string) | Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
            "attribute_type(a, :v) | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
            "attribute_type(a, b) | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}",
            "size(:v) > :w | Incorrect operand type for operator or function; operator or function: size, operand type: N",
            "size(:null) > :w | Incorrect operand type for operator or function; operator or function: size, operand type: NULL",
            "begins_with(a, :v) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            "a < :l | Incorrect operand type for operator or function; operator or function: <, operand type: L",
            ":t >= a | Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL",
            "a BETWEEN :hi AND :lo | The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}",
            "a BETWEEN :v AND :s | The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}",
            "((a = :v)) | The expression has redundant parentheses;",
            "((a)) = :v | The expression has redundant parentheses;",
            "a = ((:v)) | The expression has redundant parentheses;",
            "NOT ((a = :v)) AND b = :w | The expression has redundant parentheses;",
            "#b = :v | An expression attribute name used in the document path is not defined; attribute name: #b",
            "a.#b = :v | An expression attribute name used in the document path is not defined; attribute name: #b",
            "a = :nope | An expression attribute value used in expression is not defined; attribute value: :nope",
            "status = :v | Attribute name is a reserved keyword; reserved keyword: status",
            "a.Name = :v | Attribute name is a reserved keyword; reserved keyword: Name",
            "attribute_exists(date) | Attribute name is a reserved keyword; reserved keyword: date",
            "a = SET | Attribute name is a reserved keyword; reserved keyword: SET",
    })
    void reportsSemanticErrors(String expression, String message) {
        assertConditionError(expression, "Invalid ConditionExpression: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // unknown function beats reserved word, reserved word beats undefined values
            "status = :v AND foo(a) | Invalid function name; function: foo",
            "a = :nope AND status = :v | Attribute name is a reserved keyword; reserved keyword: status",
            "((a = :v)) AND foo(b) | The expression has redundant parentheses;",
            // within one condition: undefined reference before operand count
            "size(:nope, a) = :v | An expression attribute value used in expression is not defined; attribute value: :nope",
            // the first failing condition is reported, not a later one's more important error
            "attribute_exists(:v) AND a = :nope | Operator or function requires a document path; operator or function: attribute_exists",
            // a syntax error anywhere wins over every semantic error
            "status = :nope AND | Syntax error; token: \"<EOF>\", near: \"AND\"",
    })
    void reportsErrorsInDynamoDbOrder(String expression, String message) {
        assertConditionError(expression, "Invalid ConditionExpression: " + message);
    }

    @Test
    void limitsInToOneHundredOperands() {
        Map<String, AttributeValue> values = IntStream.range(0, 101).boxed()
                .collect(Collectors.toMap(i -> ":v" + i, i -> n(i)));
        String hundred = IntStream.range(0, 100).mapToObj(i -> ":v" + i).collect(Collectors.joining(", "));
        new ExpressionContext(null, values).condition("a IN (" + hundred + ")", "ConditionExpression");
        assertValidation(() -> new ExpressionContext(null, values)
                        .condition("a IN (" + hundred + ", :v100)", "FilterExpression"),
                "Invalid FilterExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void limitsDocumentPathDepth() {
        String depth32 = "a" + ".b".repeat(31);
        new ExpressionContext(null, VALUES).condition("attribute_exists(" + depth32 + ")", "ConditionExpression");
        assertConditionError("attribute_exists(" + depth32 + ".c)",
                "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void acceptsReservedWordsBehindNameReferences() {
        new ExpressionContext(names("#s", "status"), item(":v", s("x"))).condition("#s = :v", "ConditionExpression");
    }
}
