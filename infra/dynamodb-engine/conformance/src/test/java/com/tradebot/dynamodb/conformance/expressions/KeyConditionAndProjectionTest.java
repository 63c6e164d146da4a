package com.tradebot.dynamodb.conformance.expressions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** KeyConditionExpression rules and ProjectionExpression paths. */
class KeyConditionAndProjectionTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        put(table, item("pk", s("p"), "sk", s("a"), "doc", m("x", n(1), "y", l(n(10), n(20), m("z", s("deep")))), "top", s("t")));
        put(table, item("pk", s("p"), "sk", s("b")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :p OR sk = :s | Invalid operator used in KeyConditionExpression: OR",
            "pk = :p AND sk <> :s | Invalid operator used in KeyConditionExpression: <>",
            "pk = :p AND NOT sk = :s | Invalid operator used in KeyConditionExpression: NOT",
            "pk = :p AND attribute_exists(sk) AND :s = :s | Invalid operator used in KeyConditionExpression: attribute_exists",
            "pk = :p AND contains(sk, :s) | Invalid operator used in KeyConditionExpression: contains",
            "pk = :p AND pk = :s | KeyConditionExpressions must only contain one condition per key",
            "pk = :p AND sk = pk | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "pk = :p AND :s = :s | Invalid condition in KeyConditionExpression: No key attribute specified",
            "pk = :p AND begins_with(:s, sk) | Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
            "pk.x = :p AND sk = :s | KeyConditionExpressions cannot have conditions on nested attributes",
    })
    void invalidKeyConditionsAreRejected(String expression, String message) {
        Map<String, AttributeValue> values = expression.contains(":s") ? Map.of(":p", s("p"), ":s", s("a")) : Map.of(":p", s("p"));
        assertValidation(message, () -> db.query(r -> r.tableName(table).keyConditionExpression(expression).expressionAttributeValues(values)));
    }

    @Test
    void keyAttributeMayBeOnTheRight() {
        var response = db.query(r -> r.tableName(table).keyConditionExpression(":p = pk AND :s < sk")
                .expressionAttributeValues(Map.of(":p", s("p"), ":s", s("a"))));
        assertThat(response.items()).extracting(i -> i.get("sk").s()).containsExactly("b");
    }

    @Test
    void keyConditionNeedsItsValuesTypedLikeTheKey() {
        assertValidationStartsWith("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", n(1)))));
    }

    @Test
    void projectionOfNestedPathsAndListIndexes() {
        var item = db.getItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("a")))
                .projectionExpression("doc.y[2].z, doc.y[0], top")).item();
        assertThat(item).isEqualTo(item("doc", m("y", l(n(10), m("z", s("deep")))), "top", s("t")));
    }

    @Test
    void projectionInQueryAppliesToEveryItem() {
        var response = db.query(r -> r.tableName(table).keyConditionExpression("pk = :p").projectionExpression("sk, top")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(response.items()).containsExactly(item("sk", s("a"), "top", s("t")), item("sk", s("b")));
    }

    @Test
    void overlappingProjectionPathsAreRejected() {
        assertValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one "
                        + "of these paths; path one: [doc], path two: [doc, x]",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("a"))).projectionExpression("doc, doc.x")));
    }

    @Test
    void projectionSyntaxErrorIsReported() {
        assertValidationStartsWith("Invalid ProjectionExpression: Syntax error;",
                () -> db.getItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", s("a"))).projectionExpression("doc,,top")));
    }
}
