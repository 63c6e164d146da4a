package com.tradebot.dynamodb.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.tradebot.dynamodb.protocol.Json;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;
import com.tradebot.dynamodb.value.Bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** Items to and from their stored bytes (DynamoDB's own JSON form, so a data file stays readable). */
final class ItemCodec {
    private static final JsonFactory FACTORY = Json.FACTORY;

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

    /**
     * Reads a stored item with a streaming parser (no intermediate tree): reopening a large data directory parses
     * every item once. Stored items were validated when written, so only their structure is followed here.
     */
    static Map<String, AttributeValue> fromBytes(byte[] bytes) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            p.nextToken();
            return readMap(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At START_OBJECT of {name: value, ...}; ends at its END_OBJECT. */
    private static Map<String, AttributeValue> readMap(JsonParser p) throws IOException {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, readValue(p));
        }
        return map;
    }

    /** At START_OBJECT of {"T": ...}; ends at its END_OBJECT. */
    private static AttributeValue readValue(JsonParser p) throws IOException {
        p.nextToken();
        String type = p.currentName();
        JsonToken token = p.nextToken();
        AttributeValue value;
        switch (type) {
            case "S" -> value = new AttributeValue.S(p.getText());
            case "N" -> value = new AttributeValue.N(new BigDecimal(p.getText()));
            case "B" -> value = new AttributeValue.B(Bytes.fromBase64(p.getText()));
            case "BOOL" -> value = token == JsonToken.VALUE_TRUE ? AttributeValue.TRUE : AttributeValue.FALSE;
            case "NULL" -> value = AttributeValue.NULL;
            case "M" -> value = new AttributeValue.M(readMap(p));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                value = new AttributeValue.L(list);
            }
            case "SS" -> {
                Set<String> set = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    set.add(p.getText());
                }
                value = new AttributeValue.SS(set);
            }
            case "NS" -> {
                Set<BigDecimal> set = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    set.add(new BigDecimal(p.getText()));
                }
                value = new AttributeValue.NS(set);
            }
            case "BS" -> {
                Set<Bytes> set = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    set.add(Bytes.fromBase64(p.getText()));
                }
                value = new AttributeValue.BS(set);
            }
            default -> throw new IOException("Unknown attribute type in stored item: " + type);
        }
        p.nextToken(); // END_OBJECT of {"T": ...}
        return value;
    }

    static JsonFactory factory() {
        return FACTORY;
    }
}
