package com.tradebot.dynamodb.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The wire codec of attribute values ({"S":"x"}, {"N":"1"}, ...); reading validates with DynamoDB's messages. */
public final class AttributeValueJson {
    private static final String EMPTY_VALUE =
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
    private static final String SEVERAL_TYPES =
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";

    private static final int MAX_DEPTH = 32;
    private static final int MAX_NAME_BYTES = 65_535;

    private AttributeValueJson() {
    }

    public static AttributeValue read(JsonNode node) {
        return read(node, 1);
    }

    /** @param depth 1 for an attribute, one more for each enclosing M or L (DynamoDB allows 32 levels) */
    private static AttributeValue read(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw DynamoDbException.validation("Nesting Levels have exceeded supported limits: "
                    + "Attributes in the item have nested levels beyond supported limit");
        }
        if (node == null || node.isNull()) {
            throw DynamoDbException.validation(EMPTY_VALUE);
        }
        if (!node.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for an AttributeValue: expected a structure");
        }
        AttributeValue result = null;
        int types = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode content = field.getValue();
            if (content == null || content.isNull()) {
                continue;
            }
            AttributeValue value = readTyped(field.getKey(), content, depth);
            if (value == null) {
                continue; // unknown member: ignored, as DynamoDB does
            }
            types++;
            result = value;
        }
        if (types == 0) {
            throw DynamoDbException.validation(EMPTY_VALUE);
        }
        if (types > 1) {
            throw DynamoDbException.validation(SEVERAL_TYPES);
        }
        return result;
    }

    private static AttributeValue readTyped(String type, JsonNode content, int depth) {
        switch (type) {
            case "S":
                return new AttributeValue.S(checkWellFormed(text(content, "S")));
            case "N":
                return new AttributeValue.N(Numbers.parse(text(content, "N")));
            case "B":
                return new AttributeValue.B(binary(content));
            case "BOOL":
                return bool(content) ? AttributeValue.TRUE : AttributeValue.FALSE;
            case "NULL":
                if (!bool(content)) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return AttributeValue.NULL;
            case "M":
                return new AttributeValue.M(readMap(content, depth + 1));
            case "L": {
                List<AttributeValue> list = new ArrayList<>(array(content, "L").size());
                for (JsonNode element : content) {
                    list.add(read(element, depth + 1));
                }
                return new AttributeValue.L(list);
            }
            case "SS":
                return readStringSet(array(content, "SS"));
            case "NS":
                return readNumberSet(array(content, "NS"));
            case "BS":
                return readBinarySet(array(content, "BS"));
            default:
                return null;
        }
    }

    private static AttributeValue readStringSet(JsonNode array) {
        if (array.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: An string set  may not be empty");
        }
        Set<String> set = new LinkedHashSet<>(array.size() * 2);
        for (JsonNode member : array) {
            set.add(checkWellFormed(text(member, "SS")));
        }
        if (set.size() != array.size()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Input collection "
                    + listText(array) + " contains duplicates.");
        }
        return new AttributeValue.SS(set);
    }

    private static AttributeValue readNumberSet(JsonNode array) {
        if (array.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: An number set  may not be empty");
        }
        Set<BigDecimal> set = new LinkedHashSet<>(array.size() * 2);
        for (JsonNode member : array) {
            set.add(Numbers.parse(text(member, "NS")));
        }
        if (set.size() != array.size()) {
            throw DynamoDbException.validation("Input collection contains duplicates");
        }
        return new AttributeValue.NS(set);
    }

    private static AttributeValue readBinarySet(JsonNode array) {
        if (array.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Binary sets should not be empty");
        }
        Set<Bytes> set = new LinkedHashSet<>(array.size() * 2);
        for (JsonNode member : array) {
            set.add(binary(member));
        }
        if (set.size() != array.size()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Input collection "
                    + listText(array) + "of type BS contains duplicates.");
        }
        return new AttributeValue.BS(set);
    }

    private static String listText(JsonNode array) {
        StringBuilder sb = new StringBuilder("[");
        for (JsonNode member : array) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(member.asText());
        }
        return sb.append(']').toString();
    }

    /** S, N, SS and NS members are JSON strings; DynamoDB refuses {"N": 123} as a SerializationException. */
    private static String text(JsonNode node, String type) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            throw DynamoDbException.serialization("NUMBER_VALUE cannot be converted to String");
        }
        if (node.isBoolean()) {
            throw DynamoDbException.serialization((node.booleanValue() ? "TRUE" : "FALSE")
                    + "_VALUE cannot be converted to String");
        }
        throw DynamoDbException.serialization("Unexpected value for " + type + ": expected a string");
    }

    /**
     * Strings are Unicode with UTF-8 encoding (DynamoDB developer guide, data types): a lone UTF-16 surrogate
     * (possible in JSON as a \uD800 escape) has no UTF-8 form, so DynamoDB refuses it.
     */
    public static String checkWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw DynamoDbException.validation("One or more parameter values were invalid: "
                        + "A string contains an ill-formed UTF-16 sequence (a lone surrogate at index " + i + ")");
            }
        }
        return text;
    }

    /** Attribute names: 1 character to 64 KB of UTF-8, well-formed (DynamoDB developer guide, Constraints). */
    public static String checkAttributeName(String name, String where) {
        if (name.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: " + where
                    + " contains an empty attribute name");
        }
        if (name.length() > MAX_NAME_BYTES / 3 && utf8Length(name) > MAX_NAME_BYTES) {
            throw DynamoDbException.validation("One or more parameter values were invalid: " + where
                    + " contains an attribute name longer than " + MAX_NAME_BYTES + " bytes");
        }
        return checkWellFormed(name);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && ("true".equals(node.textValue()) || "false".equals(node.textValue()))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw DynamoDbException.serialization("Unexpected value: expected a boolean");
    }

    private static Bytes binary(JsonNode node) {
        if (!node.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value for a binary: expected a base64 string");
        }
        try {
            return Bytes.wrap(Base64.getDecoder().decode(node.textValue()));
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.serialization("Base64 encoded value is malformed: " + e.getMessage());
        }
    }

    private static JsonNode array(JsonNode node, String type) {
        if (!node.isArray()) {
            throw DynamoDbException.serialization("Unexpected value for " + type + ": expected a list");
        }
        return node;
    }

    /**
     * Reads an item or key straight from the token stream, without a tree, when it has the plain form nearly every
     * request sends: each attribute an object of exactly one S, N or B string or BOOL / NULL boolean, every name and
     * value valid. Anything else (another type, a duplicate, an unknown member, null, a value {@link #readItem} would
     * refuse) returns null with the parser skipped past the item, so that the caller reads it again the general way
     * and reports its error where the operation asks for the item, as before. The item is unmodifiable (operations
     * only read a request's items and keys), in the form a table stores ({@link StoredItem}), so storing it copies nothing.
     *
     * @param parser positioned on the item's START_OBJECT; left on its END_OBJECT
     * @param feed   when not null, receives (name, type, text) per attribute, "true"/"false" as the text of a boolean,
     *               for a digest of the item's tokens as sent
     */
    public static Map<String, AttributeValue> readPlainItem(JsonParser parser, List<String> feed) throws IOException {
        StoredItem.Builder item = new StoredItem.Builder();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return skip(parser, token, 1);
            }
            token = parser.nextToken();
            if (token != JsonToken.FIELD_NAME) {
                return skip(parser, token, 2);
            }
            String type = parser.currentName();
            token = parser.nextToken();
            AttributeValue value;
            String text;
            try {
                if (token == JsonToken.VALUE_STRING) {
                    text = parser.getText();
                    switch (type) {
                        case "S" -> value = new AttributeValue.S(checkWellFormed(text));
                        case "N" -> value = new AttributeValue.N(Numbers.parse(text));
                        case "B" -> value = new AttributeValue.B(Bytes.wrap(Base64.getDecoder().decode(text)));
                        default -> value = null;
                    }
                } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    boolean flag = token == JsonToken.VALUE_TRUE;
                    text = flag ? "true" : "false";
                    switch (type) {
                        case "BOOL" -> value = flag ? AttributeValue.TRUE : AttributeValue.FALSE;
                        case "NULL" -> value = flag ? AttributeValue.NULL : null;
                        default -> value = null;
                    }
                } else {
                    return skip(parser, token, 2);
                }
                if (value != null) {
                    checkAttributeName(name, "The item");
                }
            } catch (DynamoDbException | IllegalArgumentException invalid) {
                value = null; // read again the general way, which reports it in its place
                text = null;
            }
            token = parser.nextToken();
            if (value == null || token != JsonToken.END_OBJECT || !item.add(name, value)) {
                return skip(parser, token, 2);
            }
            if (feed != null) {
                feed.add(name);
                feed.add(type);
                feed.add(text);
            }
        }
        return token == JsonToken.END_OBJECT ? item.build() : skip(parser, token, 1);
    }

    /** Skips to the end of the item from within it ({@code depth} objects or arrays open, counting the item's). */
    private static Map<String, AttributeValue> skip(JsonParser parser, JsonToken token, int depth) throws IOException {
        while (true) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                if (--depth == 0) {
                    return null;
                }
            } else if (token == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end of input");
            }
            token = parser.nextToken();
        }
    }

    /** A map of attribute name to value, in the order given. */
    public static Map<String, AttributeValue> readItem(JsonNode node) {
        Map<String, AttributeValue> item = readMap(node, 1);
        for (String name : item.keySet()) {
            checkAttributeName(name, "The item");
        }
        return item;
    }

    private static Map<String, AttributeValue> readMap(JsonNode node, int depth) {
        if (node == null || node.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw DynamoDbException.serialization("Unexpected value: expected a map of attribute values");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(Math.max(4, node.size() * 2));
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            item.put(field.getKey(), read(field.getValue(), depth));
        }
        return item;
    }

    public static void write(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        if (v instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            g.writeStringField("N", Numbers.format(n.value()));
        } else if (v instanceof AttributeValue.B b) {
            g.writeStringField("B", b.value().toBase64());
        } else if (v instanceof AttributeValue.Bool b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (v instanceof AttributeValue.Null) {
            g.writeBooleanField("NULL", true);
        } else if (v instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            writeItem(g, m.value());
        } else if (v instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue e : l.value()) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof AttributeValue.SS ss) {
            g.writeArrayFieldStart("SS");
            for (String e : ss.value()) {
                g.writeString(e);
            }
            g.writeEndArray();
        } else if (v instanceof AttributeValue.NS ns) {
            g.writeArrayFieldStart("NS");
            for (BigDecimal e : ns.value()) {
                g.writeString(Numbers.format(e));
            }
            g.writeEndArray();
        } else if (v instanceof AttributeValue.BS bs) {
            g.writeArrayFieldStart("BS");
            for (Bytes e : bs.value()) {
                g.writeString(e.toBase64());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        if (item instanceof StoredItem stored) { // without an entry object per attribute (a Query writes 100 items)
            for (int i = 0, n = stored.size(); i < n; i++) {
                g.writeFieldName(stored.name(i));
                write(g, stored.value(i));
            }
            g.writeEndObject();
            return;
        }
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }
}
