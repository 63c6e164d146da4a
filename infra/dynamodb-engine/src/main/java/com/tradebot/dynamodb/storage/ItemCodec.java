package com.tradebot.dynamodb.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Items to and from their stored bytes (DynamoDB's own JSON form, so a data file stays readable). */
final class ItemCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ItemCodec() {
    }

    static byte[] toBytes(Map<String, AttributeValue> item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            AttributeValueJson.writeItem(g, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String toText(Map<String, AttributeValue> item) {
        return new String(toBytes(item), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, AttributeValue> fromBytes(byte[] bytes) {
        try {
            return AttributeValueJson.readItem(MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
