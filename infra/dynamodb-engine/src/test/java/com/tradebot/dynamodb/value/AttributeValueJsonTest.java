package com.tradebot.dynamodb.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeValueJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Map<String, AttributeValue> read(String json) throws Exception {
        return AttributeValueJson.readItem(MAPPER.readTree(json));
    }

    private static String write(Map<String, AttributeValue> item) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            AttributeValueJson.writeItem(g, item);
        }
        return out.toString();
    }

    private static String nested(int wraps) {
        String value = "{\"S\":\"x\"}";
        for (int i = 0; i < wraps; i++) {
            value = "{\"M\":{\"a\":" + value + "}}";
        }
        return "{\"deep\":" + value + "}";
    }

    @Test
    void roundTripsEveryType() throws Exception {
        String json = "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"aGk=\"},\"t\":{\"BOOL\":true},"
                + "\"z\":{\"NULL\":true},\"m\":{\"M\":{\"k\":{\"N\":\"2\"}}},\"l\":{\"L\":[{\"S\":\"a\"}]},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"aGk=\"]}}";
        assertThat(write(read(json))).isEqualTo(json);
    }

    @Test
    void rejectsMalformedValuesWithDynamoDbMessages() {
        assertThatThrownBy(() -> read("{\"a\":{}}")).isInstanceOf(DynamoDbException.class)
                .hasMessage("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertThatThrownBy(() -> read("{\"a\":{\"S\":\"x\",\"N\":\"1\"}}"))
                .hasMessageContaining("more than one datatypes set");
        assertThatThrownBy(() -> read("{\"a\":{\"NULL\":false}}"))
                .hasMessageContaining("Null attribute value types must have the value of true");
        assertThatThrownBy(() -> read("{\"a\":{\"NS\":[\"1\",\"1.0\"]}}")).hasMessage("Input collection contains duplicates");
        assertThatThrownBy(() -> read("{\"a\":{\"B\":\"***\"}}"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.type()).isEqualTo("SerializationException"));
    }

    @Test
    void allowsThirtyTwoLevelsOfNesting() throws Exception {
        assertThat(read(nested(31))).containsKey("deep");
        assertThatThrownBy(() -> read(nested(32))).hasMessageContaining("Nesting Levels have exceeded supported limits");
    }
}
