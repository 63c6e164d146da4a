package com.tradebot.dynamodb.conformance.limits;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;
import com.tradebot.dynamodb.conformance.support.RawRequests;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Expression limits (DynamoDB developer guide, "Constraints", Expression parameters): "The maximum length of any
 * expression string is 4 KB" — measured on the string as sent, 4,096 bytes pass and 4,097 fail with "Invalid
 * &lt;Parameter&gt;: Expression size has exceeded the maximum allowed size; expression size: N" — and at most 300
 * operators or functions, which DynamoDB enforces for every kind of expression ("The expression contains too many
 * operators; operator count: 301"). Deeply nested input must be refused with a 400, never a server error.
 */
@Tag("beyond-dynalite")
class ExpressionLimitsTest extends ConformanceTest {
    private static final Map<String, AttributeValue> KEY = item("pk", s("k"), "sk", s("s"));
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        put(table, item("pk", s("k"), "sk", s("s"), "a", n(1)));
    }

    /** "a = :v OR a = :v OR ..." padded with spaces to exactly {@code bytes} bytes. */
    private static String conditionOfSize(int bytes) {
        StringBuilder text = new StringBuilder("a = :v");
        while (text.length() + " OR a = :v".length() <= bytes - 1 && countOperators(text) < 200) {
            text.append(" OR a = :v");
        }
        return pad(text, bytes);
    }

    private static int countOperators(CharSequence text) {
        return (int) text.chars().filter(c -> c == '=').count() * 2;
    }

    private static String pad(StringBuilder text, int bytes) {
        while (text.length() < bytes) {
            text.append(' ');
        }
        return text.toString();
    }

    private static String projectionOfSize(int bytes) {
        StringBuilder text = new StringBuilder("a");
        int i = 0;
        while (text.length() + 8 <= bytes) {
            text.append(", b").append(String.format("%04d", i++));
        }
        return pad(text, bytes);
    }

    @Test
    void conditionExpressionOf4096BytesIsAcceptedAnd4097Refused() {
        db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(conditionOfSize(4096))
                .expressionAttributeValues(Map.of(":v", n(1))));
        assertValidation("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(conditionOfSize(4097))
                        .expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void filterExpressionSizeIsLimitedInQueryAndScan() {
        assertThat(db.scan(r -> r.tableName(table).filterExpression(conditionOfSize(4096))
                .expressionAttributeValues(Map.of(":v", n(1)))).count()).isEqualTo(1);
        assertValidation("Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097",
                () -> db.scan(r -> r.tableName(table).filterExpression(conditionOfSize(4097))
                        .expressionAttributeValues(Map.of(":v", n(1)))));
        assertValidation("Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097",
                () -> db.query(r -> r.tableName(table).keyConditionExpression("pk = :k")
                        .filterExpression(conditionOfSize(4097))
                        .expressionAttributeValues(Map.of(":v", n(1), ":k", s("k")))));
    }

    @Test
    void keyConditionExpressionSizeIsLimited() {
        String text = pad(new StringBuilder("pk = :k"), 4097);
        assertValidation("Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097",
                () -> db.query(r -> r.tableName(table).keyConditionExpression(text)
                        .expressionAttributeValues(Map.of(":k", s("k")))));
    }

    @Test
    void projectionExpressionSizeIsLimited() {
        assertThat(db.getItem(r -> r.tableName(table).key(KEY).projectionExpression(projectionOfSize(4096))).item())
                .containsOnlyKeys("a");
        assertValidation("Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097",
                () -> db.getItem(r -> r.tableName(table).key(KEY).projectionExpression(projectionOfSize(4097))));
    }

    @Test
    void updateExpressionSizeIsLimitedInBytesNotCharacters() {
        // 2-byte characters in a name: 2,049 characters are 4,098 bytes
        String name = "é".repeat(2045);
        String text = "SET #n = :v"; // the name itself goes through ExpressionAttributeNames and does not count
        db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(text).expressionAttributeNames(Map.of("#n", name))
                .expressionAttributeValues(Map.of(":v", n(2))));
        String inline = "SET a = :v REMOVE b" + "é".repeat(2040);
        assertThat(inline.length()).isLessThan(4096);
        assertValidationStartsWith("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(inline)
                        .expressionAttributeValues(Map.of(":v", n(2)))));
    }

    /** n comparisons joined by AND: 2n - 1 operators. */
    private static String comparisons(int operators) {
        StringBuilder text = new StringBuilder("a = :v");
        int count = 1;
        while (count + 2 <= operators) {
            text.append(" AND a = :v");
            count += 2;
        }
        if (count < operators) {
            text.replace(0, "a = :v".length(), "NOT a <> :v"); // one more operator, still true for a = 1
        }
        return text.toString();
    }

    @Test
    void threeHundredOperatorsPassAndThreeHundredAndOneFailInConditions() {
        Map<String, AttributeValue> values = Map.of(":v", n(1));
        db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(comparisons(300)).expressionAttributeValues(values));
        put(table, item("pk", s("k"), "sk", s("s"), "a", n(1)));
        assertValidation("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(comparisons(301))
                        .expressionAttributeValues(values)));
        assertValidation("Invalid FilterExpression: The expression contains too many operators; operator count: 301",
                () -> db.scan(r -> r.tableName(table).filterExpression(comparisons(301)).expressionAttributeValues(values)));
    }

    @Test
    void functionsCountAsOperators() {
        StringBuilder terms = new StringBuilder("size(a) > :v");
        for (int i = 1; i < 100; i++) {
            terms.append(" OR size(a) > :v");
        }
        // 100 size() + 100 '>' + 99 OR = 299, and one or two NOTs
        Map<String, AttributeValue> values = Map.of(":v", n(1));
        db.scan(r -> r.tableName(table).filterExpression("NOT " + terms).expressionAttributeValues(values));
        assertValidation("Invalid FilterExpression: The expression contains too many operators; operator count: 301",
                () -> db.scan(r -> r.tableName(table).filterExpression("NOT NOT " + terms).expressionAttributeValues(values)));
    }

    @Test
    void updateExpressionOperatorsAreLimited() {
        StringBuilder text = new StringBuilder("SET a = :v");
        for (int i = 0; i < 301; i++) {
            text.append(" + :v");
        }
        assertValidation("Invalid UpdateExpression: The expression contains too many operators; operator count: 301",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(text.toString())
                        .expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void keyConditionOperatorsAreLimited() {
        StringBuilder text = new StringBuilder("pk = :k");
        for (int i = 0; i < 150; i++) {
            text.append(" AND sk = :k");
        }
        assertValidation("Invalid KeyConditionExpression: The expression contains too many operators; operator count: 301",
                () -> db.query(r -> r.tableName(table).keyConditionExpression(text.toString())
                        .expressionAttributeValues(Map.of(":k", s("k")))));
    }

    @Test
    void deeplyNestedParenthesesAreRefusedNotCrashing() {
        String text = "(".repeat(2000) + "a = :v" + ")".repeat(2000);
        assertValidationStartsWith("Invalid ConditionExpression: ",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(text)
                        .expressionAttributeValues(Map.of(":v", n(1)))));
        String unbalanced = "(".repeat(4000);
        assertValidationStartsWith("Invalid FilterExpression: ",
                () -> db.scan(r -> r.tableName(table).filterExpression(unbalanced)));
        String update = "SET a = " + "(".repeat(2000) + ":v" + ")".repeat(2000);
        assertValidationStartsWith("Invalid UpdateExpression: ",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(update)
                        .expressionAttributeValues(Map.of(":v", n(1)))));
        String projection = "(".repeat(3000) + "a";
        assertValidationStartsWith("Invalid ProjectionExpression: ",
                () -> db.getItem(r -> r.tableName(table).key(KEY).projectionExpression(projection)));
    }

    @Test
    void longChainsOfNotAndFunctionsAreRefusedNotCrashing() {
        String nots = "NOT ".repeat(1000) + "a = :v";
        assertValidation("Invalid ConditionExpression: The expression contains too many operators; operator count: 1001",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(nots)
                        .expressionAttributeValues(Map.of(":v", n(1)))));
        String sizes = "size(".repeat(600) + "a" + ")".repeat(600) + " = :v";
        assertValidationStartsWith("Invalid ConditionExpression: The expression contains too many operators",
                () -> db.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression(sizes)
                        .expressionAttributeValues(Map.of(":v", n(1)))));
        String ifNotExists = "SET a = " + "if_not_exists(a, ".repeat(400) + ":v" + ")".repeat(400);
        assertValidationStartsWith("Invalid UpdateExpression: ",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(ifNotExists)
                        .expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void rawDeepNestingNeverAnswersAServerError() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("Scan", "{\"TableName\":\"" + table + "\",\"FilterExpression\":\"" + "(".repeat(100_000) + "\"}");
        bodies.put("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":" + "{\"M\":".repeat(5000) + "}".repeat(5000) + "}");
        bodies.put("GetItem", "{\"TableName\":\"" + table + "\",\"Key\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}");
        bodies.forEach((operation, body) -> {
            RawRequests.Answer answer = RawRequests.post(operation, body);
            assertThat(answer.status()).as(operation + " answered " + answer.body()).isBetween(400, 499);
        });
    }
}
