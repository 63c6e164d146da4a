package com.tradebot.dynamodb.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import com.tradebot.dynamodb.conformance.support.DynamoDbTarget;
import com.tradebot.dynamodb.conformance.support.RawRequests;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * No request may make the server fail: random and adversarial expressions of every kind, random JSON bodies and
 * random bytes, sent raw to every operation, must each get a 2xx or a 4xx answer — never a 5xx (DynamoDB answers
 * bad input with a 400 ValidationException or SerializationException).
 */
@Tag("beyond-dynalite")
class NoServerErrorFuzzTest {
    private static final String TABLE = "fuzz_" + Integer.toString(new Random().nextInt(1 << 20), 36);
    private static final List<String> OPERATIONS = List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "CreateTable",
            "DescribeTable", "UpdateTable", "DeleteTable", "ListTables", "UpdateTimeToLive");
    private static final List<String> EXPRESSION_PARAMETERS = List.of("ConditionExpression", "FilterExpression",
            "KeyConditionExpression", "ProjectionExpression", "UpdateExpression");
    /** Pieces of every expression grammar, so random sequences reach deep into the parsers. */
    private static final List<String> PIECES = List.of("(", ")", "(", ")", " NOT ", " AND ", " OR ", " BETWEEN ",
            " IN ", "a", "b.c", "#n", ":v", ":w", "=", "<>", "<", "<=", ">", ">=", ",", "[0]", "[99999999999]", ".",
            "size(", "attribute_exists(", "attribute_not_exists(", "attribute_type(", "begins_with(", "contains(",
            "SET ", "REMOVE ", "ADD ", "DELETE ", "+", "-", "if_not_exists(", "list_append(", "pk", "sk", " ", "_",
            "é", "\uD83D\uDE00", "\\u0000", "\\ud800", "\\\"", "#", ":", "[", "]", "0", "#undefined", ":undefined");

    @BeforeContainer
    static void createTable() {
        DynamoDbTarget.shared().client().createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    private static void assertNoServerError(String operation, byte[] body) {
        RawRequests.Answer answer = RawRequests.post(operation, body);
        assertThat(answer.status())
                .as("%s with %s answered %s", operation, abbreviate(new String(body, StandardCharsets.UTF_8)), answer.body())
                .isLessThan(500);
    }

    private static void assertNoServerError(String operation, String body) {
        assertNoServerError(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> random = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(400)
                .map(pieces -> String.join("", pieces));
        // adversarial: one piece repeated to a great depth around a valid core
        Arbitrary<String> nested = Arbitraries.of("(", "NOT ", "size(", "if_not_exists(a,", "list_append(", "a.", "a[0]", "((")
                .flatMap(piece -> Arbitraries.integers().between(50, 3000)
                        .map(n -> piece.repeat(n) + "a = :v" + ")".repeat(n)));
        return Arbitraries.oneOf(random, random, nested);
    }

    @Property(tries = 250)
    void randomAndAdversarialExpressionsNeverGetA5xx(@ForAll("expressions") String expression,
                                                     @ForAll("expressionParameter") String parameter) {
        String escaped = jsonString(expression);
        String names = "\"ExpressionAttributeNames\":{\"#n\":\"n\"},";
        String values = "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1\"},\":w\":{\"L\":[{\"S\":\"x\"}]}},";
        String key = "\"Key\":{\"pk\":{\"S\":\"k\"},\"sk\":{\"S\":\"s\"}},";
        String table = "\"TableName\":\"" + TABLE + "\",";
        switch (parameter) {
            case "KeyConditionExpression" -> assertNoServerError("Query",
                    "{" + table + names + values + "\"KeyConditionExpression\":" + escaped + "}");
            case "FilterExpression" -> {
                assertNoServerError("Scan", "{" + table + names + values + "\"FilterExpression\":" + escaped + "}");
                assertNoServerError("Query", "{" + table + names + values
                        + "\"KeyConditionExpression\":\"pk = :v\",\"FilterExpression\":" + escaped + "}");
            }
            case "ProjectionExpression" -> assertNoServerError("GetItem",
                    "{" + table + key + "\"ExpressionAttributeNames\":{\"#n\":\"n\"},\"ProjectionExpression\":" + escaped + "}");
            case "UpdateExpression" -> assertNoServerError("UpdateItem",
                    "{" + table + key + names + values + "\"UpdateExpression\":" + escaped + "}");
            default -> {
                assertNoServerError("PutItem", "{" + table + names + values
                        + "\"Item\":{\"pk\":{\"S\":\"k\"},\"sk\":{\"S\":\"s\"},\"a\":{\"N\":\"1\"}},\"ConditionExpression\":"
                        + escaped + "}");
                assertNoServerError("DeleteItem", "{" + table + key + names + values + "\"ConditionExpression\":"
                        + escaped + "}");
            }
        }
    }

    @Provide
    Arbitrary<String> expressionParameter() {
        return Arbitraries.of(EXPRESSION_PARAMETERS);
    }

    @Property(tries = 300)
    void randomJsonBodiesNeverGetA5xx(@ForAll("operation") String operation, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(jsonString(FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size())))).append(':');
            randomJson(random, body, 0);
        }
        body.append('}');
        assertNoServerError(operation, body.toString());
    }

    @Property(tries = 100)
    void randomBytesNeverGetA5xx(@ForAll("operation") String operation, @ForAll byte[] body) {
        assertNoServerError(operation, body);
    }

    @Provide
    Arbitrary<String> operation() {
        return Arbitraries.of(OPERATIONS);
    }

    private static final List<String> FIELD_NAMES = List.of("TableName", "Item", "Key", "Keys", "RequestItems",
            "TransactItems", "ConditionExpression", "FilterExpression", "KeyConditionExpression", "UpdateExpression",
            "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ExclusiveStartKey",
            "Limit", "Segment", "TotalSegments", "Select", "IndexName", "ReturnValues", "ConsistentRead",
            "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "Expected", "KeyConditions", "QueryFilter",
            "ScanFilter", "AttributeUpdates", "ConditionalOperator", "AttributesToGet", "ScanIndexForward",
            "ClientRequestToken", "BillingMode", "S", "N", "B", "M", "L", "SS", "NS", "BS", "NULL", "BOOL", "pk", "sk",
            "ComparisonOperator", "AttributeValueList", "Action", "Value", "Exists", "Put", "Update", "Delete",
            "ConditionCheck", "TimeToLiveSpecification");

    /** Random JSON biased towards DynamoDB's shapes: attribute values, maps of them, lists, strings, numbers. */
    private static void randomJson(Random random, StringBuilder out, int depth) {
        int kind = depth > 6 ? 4 + random.nextInt(4) : random.nextInt(9);
        switch (kind) {
            case 0, 1, 2 -> {
                out.append('{');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(jsonString(random.nextInt(4) == 0 ? "" + (char) random.nextInt(0x3000)
                            : FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size())))).append(':');
                    randomJson(random, out, depth + 1);
                }
                out.append('}');
            }
            case 3 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    randomJson(random, out, depth + 1);
                }
                out.append(']');
            }
            case 4 -> out.append(jsonString(List.of("", TABLE, "x", "1", "1e999999", "-0", "ALL_NEW", "HASH", "S",
                    "a = :v", "NaN", "AAAA", "!!", "\uD800").get(random.nextInt(14))));
            case 5 -> out.append(List.of("0", "-1", "1e999999999", "12345678901234567890123456789", "0.5", "-2147483649")
                    .get(random.nextInt(6)));
            case 6 -> out.append(random.nextBoolean());
            case 7 -> out.append("null");
            default -> out.append("{\"").append(List.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")
                    .get(random.nextInt(10))).append("\":").append(List.of("\"1\"", "1", "[]", "[\"1\",\"1\"]", "{}",
                    "true", "\"@@\"", "[{\"S\":\"x\"}]").get(random.nextInt(8))).append('}');
        }
    }

    /** A JSON string literal; the pieces may already hold JSON escapes (\\u0000, \\ud800), which are kept. */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == 'u' || text.charAt(i + 1) == '"')) {
                out.append(c); // a deliberate escape from PIECES
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
