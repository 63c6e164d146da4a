package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void objectsKeepDocumentOrderAndALaterDuplicateReplacesTheValueInPlace() throws IOException {
        JsonNode node = Json.parse(utf8("{\"b\":1,\"a\":2,\"b\":3}"));
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("b", "a");
        assertThat(node.get("b").intValue()).isEqualTo(3);
        assertThat(node.size()).isEqualTo(2);
    }

    @Test
    void largeObjectsKeepEveryFieldInOrder() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            json.append(i > 0 ? "," : "").append("\"f").append(i).append("\":").append(i);
        }
        JsonNode node = Json.parse(utf8(json.append(",\"f3\":-3}").toString()));
        assertThat(node.size()).isEqualTo(50);
        assertThat(node.get("f49").intValue()).isEqualTo(49);
        assertThat(node.get("f3").intValue()).isEqualTo(-3);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        for (int i = 0; i < 50; i++) {
            assertThat(fields.next().getKey()).isEqualTo("f" + i);
        }
    }

    @Test
    void removingFieldsKeepsTheRestInOrder() throws IOException {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(utf8("{\"a\":1,\"b\":2,\"c\":3}"));
        node.remove("b");
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("a", "c");
        assertThat(node).isEqualTo(Json.parse(utf8("{\"a\":1,\"c\":3}")));
    }

    @Test
    void theDigestTakenWhileParsingEqualsTheDigestOfTheTree() throws IOException {
        String items = "[{\"Put\":{\"TableName\":\"t\",\"Item\":{\"pk\":{\"S\":\"a\\ud800\"},\"n\":{\"N\":\"1.50\"},"
                + "\"x\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"num\":12,\"big\":123456789012345678901234567890,"
                + "\"dec\":1.5e3,\"long\":" + "x".repeat(5000).length() + "}}},{\"Delete\":{\"Key\":{\"pk\":{\"S\":\""
                + "y".repeat(3000) + "\"}}}}]";
        Json.Parsed parsed = Json.parse(utf8("{\"ClientRequestToken\":\"t1\",\"TransactItems\":" + items + "}"), "TransactItems");
        assertThat(parsed.fieldDigest()).isEqualTo(Json.digest(parsed.node().get("TransactItems")));
        assertThat(parsed.fieldDigest()).isEqualTo(Json.digest(Json.parse(utf8(items))));
        Json.Parsed other = Json.parse(utf8("{\"TransactItems\":" + items.replace("1.50", "1.5") + "}"), "TransactItems");
        assertThat(other.fieldDigest()).isNotEqualTo(parsed.fieldDigest());
        assertThat(Json.parse(utf8("{\"Other\":1}"), "TransactItems").fieldDigest()).isNull();
    }
}
