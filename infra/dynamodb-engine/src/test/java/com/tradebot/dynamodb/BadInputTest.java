package com.tradebot.dynamodb;

import com.tradebot.dynamodb.protocol.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests of every operation get a 4xx answer, never a 500, and change nothing. */
class BadInputTest {
    private static final List<String> OPERATIONS = List.of("CreateTable", "DescribeTable", "ListTables", "UpdateTable",
            "DeleteTable", "UpdateTimeToLive", "DescribeTimeToLive", "PutItem", "GetItem", "UpdateItem", "DeleteItem",
            "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");
    private static final List<String> BODIES = List.of(
            "{}", "[]", "\"text\"", "42", "{\"TableName\":{}}", "{\"TableName\":[1]}", "{\"TableName\":\"t\"}",
            "{\"TableName\":\"bad name!\"}",
            "{\"TableName\":\"things\",\"Item\":[],\"Key\":\"x\"}",
            "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":1,\"N\":2}}}",
            "{\"TableName\":\"things\",\"Key\":{\"pk\":{\"X\":\"1\"}}}",
            "{\"TableName\":\"things\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET\"}",
            "{\"TableName\":\"things\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConditionExpression\":\")(\"}",
            "{\"TableName\":\"things\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":[]}}",
            "{\"TableName\":\"things\",\"Limit\":\"many\",\"Segment\":{},\"TotalSegments\":-1}",
            "{\"TableName\":\"things\",\"ExpressionAttributeNames\":{\"#a\":5}}",
            "{\"TableName\":\"things\",\"ExclusiveStartKey\":{\"other\":{\"S\":\"x\"}}}",
            "{\"RequestItems\":[]}", "{\"RequestItems\":{\"things\":{}}}", "{\"RequestItems\":{\"things\":[{}]}}",
            "{\"RequestItems\":{\"things\":{\"Keys\":[{\"pk\":{}}]}}}",
            "{\"TransactItems\":{}}", "{\"TransactItems\":[{}]}", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"things\"}}]}",
            "{\"TransactItems\":[{\"Get\":{\"TableName\":\"things\",\"Key\":{\"pk\":{\"N\":\"x\"}}}}]}",
            "{\"TableName\":\"things\",\"AttributeDefinitions\":{},\"KeySchema\":[{}]}",
            "{\"TableName\":\"things\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"Q\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"FREE\"}",
            "{\"TableName\":\"things\",\"TimeToLiveSpecification\":{\"Enabled\":\"maybe\"}}",
            "{\"TableName\":\"things\",\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"i\"}}]}",
            "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1e999999999\"}}}",
            "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":\"a\"},\"b\":{\"B\":\"@@@\"}}}");

    private static DynamoDbEngine engine;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.builder().startInProcess();
        createTable();
    }

    private static void createTable() {
        Response created = engine.handle("CreateTable", ("{\"TableName\":\"things\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static List<String> operations() {
        return new ArrayList<>(OPERATIONS);
    }

    @ParameterizedTest
    @MethodSource("operations")
    void malformedRequestsAreClientErrors(String operation) {
        for (String body : BODIES) {
            Response response = engine.handle(operation, body.getBytes(StandardCharsets.UTF_8));
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            if (response.status() == 200) {
                // a few bodies are valid reads (e.g. ListTables with {}); only DeleteTable may change anything
                assertThat(operation).as(body + " -> " + answer).isIn("ListTables", "DescribeTable", "DescribeTimeToLive",
                        "GetItem", "Query", "Scan", "DeleteItem", "DeleteTable");
                if ("DeleteTable".equals(operation)) {
                    createTable();
                }
            } else {
                assertThat(response.status()).as(operation + " " + body + " -> " + answer).isBetween(400, 499);
                assertThat(answer).contains("__type");
            }
        }
        Response scan = engine.handle("Scan", "{\"TableName\":\"things\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(scan.status()).isEqualTo(200);
        assertThat(new String(scan.body(), StandardCharsets.UTF_8)).contains("\"Count\":0");
    }
}
