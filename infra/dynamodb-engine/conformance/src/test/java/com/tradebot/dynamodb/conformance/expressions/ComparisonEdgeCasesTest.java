package com.tradebot.dynamodb.conformance.expressions;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Comparison edge cases where dynalite departs from DynamoDB (listed in the engine's README). DynamoDB's comparison
 * reference: "a = b — true if a is equal to b"; an attribute that does not exist has no value, so it equals nothing,
 * not even another missing attribute; and empty strings and binaries are ordinary non-key values since 2020, which
 * IN matches like any other value.
 */
@Tag("beyond-dynalite")
class ComparisonEdgeCasesTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "blank", s(""), "emptyBin", b(new byte[0])));
    }

    private int matches(String filter, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        return db.scan(r -> {
            r.tableName(table).filterExpression(filter);
            if (!values.isEmpty()) {
                r.expressionAttributeValues(values);
            }
        }).count();
    }

    @Test
    void twoMissingAttributesAreNotEqual() {
        assertThat(matches("missing1 = missing2", Map.of())).isZero();
        assertThat(matches("missing1 <> missing2", Map.of())).isEqualTo(1);
    }

    @Test
    void inMatchesEmptyStringsAndBinaries() {
        assertThat(matches("blank IN (:e, :x)", Map.of(":e", s(""), ":x", s("x")))).isEqualTo(1);
        assertThat(matches("emptyBin IN (:e)", Map.of(":e", b(new byte[0])))).isEqualTo(1);
    }
}
