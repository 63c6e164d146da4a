package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Items and keys read straight from the token stream ({@link Json#parseRequest}) give what the tree gives: the same
 * map, or the same error at the same point (when the operation asks for the item), and the same request digest.
 */
class RequestParsingTest {
    private static final List<String> ATTRIBUTE_VALUES = List.of(
            "{\"S\":\"x\"}", "{\"S\":\"\"}", "{\"N\":\"1.50\"}", "{\"N\":\"-0\"}", "{\"N\":\"abc\"}", "{\"N\":12}",
            "{\"N\":\"1e400\"}", "{\"B\":\"AAEC\"}", "{\"B\":\"***\"}", "{\"BOOL\":true}", "{\"BOOL\":\"true\"}",
            "{\"NULL\":true}", "{\"NULL\":false}", "{\"S\":\"\\uD800\"}", "{\"S\":\"a\",\"N\":\"1\"}", "{}",
            "{\"S\":null}", "{\"S\":\"a\",\"x\":1}", "{\"S\":\"a\",\"S\":\"b\"}", "null", "\"x\"", "[1]",
            "{\"M\":{\"a\":{\"S\":\"b\"}}}", "{\"L\":[{\"N\":\"1\"}]}", "{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"a\"]}",
            "{\"NS\":[]}", "{\"X\":\"1\"}", "{\"S\":{\"a\":[1,{\"b\":2}]}}", "{\"S\":\"é😀\"}");
    private static final List<String> NAMES = List.of("a", "b", "", "\\uDC00", "pk", "a", "é", "x".repeat(70_000));

    @Test
    void plainAndOddItemsGiveWhatTheTreeGives() throws IOException {
        Random random = new Random(23);
        for (int round = 0; round < 3_000; round++) {
            String item = randomItem(random);
            for (String body : List.of("{\"TableName\":\"t\",\"Item\":" + item + "}",
                    "\uFEFF {\"Key\" : " + item + " , \"Item\":null}",
                    "{\"TransactItems\":[{\"Put\":{\"Item\":" + item + ",\"TableName\":\"t\"}},{\"Delete\":{\"Key\":" + item
                            + "}},{\"Update\":{\"Key\":{}}},{\"ConditionCheck\":" + item + "}],\"ClientRequestToken\":\"c\"}")) {
                compare(body);
            }
        }
    }

    @Test
    void plainItemsAreReadWithoutATreeAndOthersKeepTheirTree() throws IOException {
        String plain = "{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"},\"b\":{\"BOOL\":false},\"z\":{\"NULL\":true},\"y\":{\"B\":\"AA==\"}}";
        Json.Parsed parsed = Json.parseRequest(utf8("{\"Item\":" + plain + ",\"TransactItems\":[{\"Put\":{\"Item\":" + plain
                + "}},{\"Delete\":{\"Key\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[]}}}}]}"), "TransactItems");
        assertThat(parsed.node().get("Item")).isInstanceOf(ItemNode.class);
        assertThat(parsed.node().get("TransactItems").get(0).get("Put").get("Item")).isInstanceOf(ItemNode.class);
        assertThat(parsed.node().get("TransactItems").get(1).get("Delete").get("Key").isObject()).isTrue();
        assertThat(new Request(parsed.node()).item("Item")).containsOnlyKeys("pk", "n", "b", "z", "y")
                .containsEntry("n", AttributeValue.n(1)).containsEntry("z", AttributeValue.NULL);
    }

    @Test
    void malformedJsonInsideAnItemIsMalformedEitherWay() throws IOException {
        for (String body : List.of("{\"Item\":{\"a\":{\"S\":\"x\"}", "{\"Item\":{\"a\":{\"S\":\"x\"},}}", "{\"Item\":{\"a\":{\"S\" \"x\"}}}",
                "{\"Item\":{\"a\":{\"N\":[1,}}}}", "{\"Item\":{\"a\":{\"S\":\"x\\q\"}}}", "{\"Item\":{\"a\":{\"S\":\"x\"}}}}")) {
            boolean treeFails = fails(() -> Json.parse(utf8(body), null));
            boolean streamFails = fails(() -> Json.parseRequest(utf8(body), null));
            assertThat(streamFails).as(body).isEqualTo(treeFails);
        }
    }

    private interface Parse {
        void run() throws IOException;
    }

    private static boolean fails(Parse parse) throws IOException {
        try {
            parse.run();
            return false;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private static void compare(String body) throws IOException {
        byte[] bytes = utf8(body);
        if (fails(() -> Json.parse(bytes, "TransactItems"))) {
            assertThat(fails(() -> Json.parseRequest(bytes, "TransactItems"))).as(body).isTrue();
            return;
        }
        Json.Parsed tree = Json.parse(bytes, "TransactItems");
        Json.Parsed stream = Json.parseRequest(bytes, "TransactItems");
        assertThat(stream.fieldDigest()).as(body).isEqualTo(tree.fieldDigest());
        Request a = new Request(tree.node());
        Request b = new Request(stream.node());
        for (String field : List.of("Item", "Key")) {
            assertThat(outcome(b, field)).as(body).isEqualTo(outcome(a, field));
        }
        if (a.has("TransactItems")) {
            assertThat(Json.digest(b.array("TransactItems"))).isEqualTo(Json.digest(a.array("TransactItems")));
            for (int i = 0; i < a.array("TransactItems").size(); i++) {
                Request ea = a.wrap(a.array("TransactItems").get(i), "TransactItems.member");
                Request eb = b.wrap(b.array("TransactItems").get(i), "TransactItems.member");
                for (String action : List.of("Put", "Delete", "Update", "ConditionCheck")) {
                    Request pa = ea.nested(action);
                    Request pb = eb.nested(action);
                    assertThat(pb == null).isEqualTo(pa == null);
                    if (pa != null) {
                        for (String field : List.of("Item", "Key")) {
                            assertThat(outcome(pb, field)).as(body).isEqualTo(outcome(pa, field));
                        }
                    }
                }
            }
        }
    }

    private static String outcome(Request request, String field) {
        try {
            Map<String, AttributeValue> item = request.item(field);
            // asked twice: equal maps, and no caller can change what another gets (a map of its own, or unmodifiable)
            Map<String, AttributeValue> again = request.item(field);
            assertThat(again).isEqualTo(item);
            if (item != null && again == item) {
                assertThatThrownBy(() -> item.put("changed", AttributeValue.NULL))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            return String.valueOf(item);
        } catch (DynamoDbException e) {
            return e.type() + ": " + e.getMessage();
        }
    }

    private static String randomItem(Random random) {
        int size = random.nextInt(5);
        List<String> fields = new ArrayList<>();
        boolean plain = random.nextInt(3) == 0;
        for (int i = 0; i < size; i++) {
            String name = plain ? "n" + i : NAMES.get(random.nextInt(NAMES.size()));
            String value = plain ? ATTRIBUTE_VALUES.get(random.nextInt(4) == 0 ? 9 : random.nextInt(3))
                    : ATTRIBUTE_VALUES.get(random.nextInt(ATTRIBUTE_VALUES.size()));
            fields.add("\"" + name + "\":" + value);
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
