package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON trees on Jackson's streaming core and node classes. An ObjectMapper would do the same, but it loads some
 * 300 more classes at start-up (the engine should be ready in well under half a second), so trees are built and
 * written here directly.
 */
public final class Json {
    /**
     * Attribute names may be up to 64 KB (Jackson's default refuses names over 50,000 characters as malformed JSON),
     * so names are let through up to 1 MB here and checked against DynamoDB's limit with its error.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(1 << 20).build())
            // no error message of Jackson's reaches a client (malformed JSON is answered with DynamoDB's own text), so
            // the parser need not keep a reference to the source for error locations (a cost on every request)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    /** The document's root value; a missing node for empty input. Malformed JSON throws JsonProcessingException. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return parse(bytes, null).node();
    }

    /** A parsed document and the {@link RequestDigest} of one of its top-level fields (null when absent or not asked). */
    public record Parsed(JsonNode node, byte[] fieldDigest) {
    }

    /**
     * Parses the document and, in the same pass, digests the value of its top-level field {@code digestedField} (when
     * not null) as {@link #digest(JsonNode)} would digest that value's tree (a repeated top-level field: its last
     * occurrence, as the tree keeps it; inside the value, a repeated name is digested as sent, so such a request only
     * matches itself). Saves a second walk over the request for TransactWriteItems' idempotency check.
     */
    public static Parsed parse(byte[] bytes, String digestedField) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new Parsed(MissingNode.getInstance(), null);
            }
            if (digestedField == null || token != JsonToken.START_OBJECT) {
                return new Parsed(read(parser, token, null), null);
            }
            ObjectNode object = new ObjectNode(NODES, new SmallObjectMap());
            byte[] digest = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals(digestedField)) {
                    RequestDigest sink = RequestDigest.start();
                    object.set(name, read(parser, parser.nextToken(), sink));
                    digest = sink.finish();
                } else {
                    object.set(name, read(parser, parser.nextToken(), null));
                }
            }
            return new Parsed(object, digest);
        }
    }

    /**
     * As {@link #parse(byte[], String)} for a request body, with its items and keys (top-level Item and Key, and those
     * of TransactItems' actions) read straight into attribute maps when they have the plain form (see
     * {@link AttributeValueJson#readPlainItem}) and left in the tree as an {@link ItemNode}; the tree of one that does
     * not is built as before, so its error is reported where the operation reads it. The digest is the same.
     */
    public static Parsed parseRequest(byte[] bytes, String digestedField) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new Parsed(MissingNode.getInstance(), null);
            }
            if (token != JsonToken.START_OBJECT || parser.currentTokenLocation().getByteOffset() < 0) {
                return parse(bytes, digestedField);
            }
            ObjectNode object = new ObjectNode(NODES, new SmallObjectMap());
            byte[] digest = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int shape = name.equals("Item") || name.equals("Key") ? ITEM
                        : name.equals("TransactItems") ? TRANSACT_ITEMS : OTHER;
                if (name.equals(digestedField)) {
                    RequestDigest sink = RequestDigest.start();
                    object.set(name, read(bytes, parser, parser.nextToken(), sink, shape));
                    digest = sink.finish();
                } else {
                    object.set(name, read(bytes, parser, parser.nextToken(), null, shape));
                }
            }
            return new Parsed(object, digest);
        }
    }

    /** Where a value sits in a request: an item or key, TransactItems, one of its elements, one of its actions. */
    private static final int OTHER = 0;
    private static final int ITEM = 1;
    private static final int TRANSACT_ITEMS = 2;
    private static final int TRANSACT_ITEM = 3;
    private static final int ACTION = 4;

    private static JsonNode read(byte[] bytes, JsonParser parser, JsonToken token, RequestDigest sink, int shape)
            throws IOException {
        switch (shape) {
            case ITEM -> {
                if (token != JsonToken.START_OBJECT) {
                    return read(parser, token, sink);
                }
                long start = parser.currentTokenLocation().getByteOffset();
                List<String> tokens = sink == null ? null : new ArrayList<>(24);
                Map<String, AttributeValue> item = AttributeValueJson.readPlainItem(parser, tokens);
                if (item != null) {
                    if (sink != null) {
                        ItemNode node = new ItemNode(item, tokens);
                        node.feed(sink);
                        return node;
                    }
                    return new ItemNode(item, null);
                }
                // not plain: its tree, from its first byte (the parser is past it already)
                try (JsonParser again = FACTORY.createParser(bytes, (int) start, bytes.length - (int) start)) {
                    return read(again, again.nextToken(), sink);
                }
            }
            case TRANSACT_ITEMS -> {
                if (token != JsonToken.START_ARRAY) {
                    return read(parser, token, sink);
                }
                ArrayNode array = NODES.arrayNode();
                if (sink != null) {
                    sink.tag('[');
                }
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(bytes, parser, next, sink, TRANSACT_ITEM));
                }
                if (sink != null) {
                    sink.tag(']');
                }
                return array;
            }
            case TRANSACT_ITEM, ACTION -> {
                if (token != JsonToken.START_OBJECT) {
                    return read(parser, token, sink);
                }
                ObjectNode object = new ObjectNode(NODES, new SmallObjectMap());
                if (sink != null) {
                    sink.tag('{');
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (sink != null) {
                        sink.text('f', name);
                    }
                    int inner = shape == TRANSACT_ITEM ? ACTION
                            : name.equals("Item") || name.equals("Key") ? ITEM : OTHER;
                    object.set(name, read(bytes, parser, parser.nextToken(), sink, inner));
                }
                if (sink != null) {
                    sink.tag('}');
                }
                return object;
            }
            default -> {
                return read(parser, token, sink);
            }
        }
    }

    /** The {@link RequestDigest} of a tree: equal to the one taken while parsing the same JSON text. */
    public static byte[] digest(JsonNode node) {
        RequestDigest sink = RequestDigest.start();
        feed(sink, node);
        return sink.finish();
    }

    private static void feed(RequestDigest sink, JsonNode node) {
        if (node instanceof ItemNode item) {
            item.feed(sink);
        } else if (node.isObject()) {
            sink.tag('{');
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                sink.text('f', field.getKey());
                feed(sink, field.getValue());
            }
            sink.tag('}');
        } else if (node.isArray()) {
            sink.tag('[');
            for (JsonNode element : node) {
                feed(sink, element);
            }
            sink.tag(']');
        } else {
            feedScalar(sink, node);
        }
    }

    private static void feedScalar(RequestDigest sink, JsonNode node) {
        if (node.isTextual()) {
            sink.text('s', node.textValue());
        } else if (node.isIntegralNumber()) {
            // as Json.write renders it, so that equal JSON text means equal digest
            sink.text('n', node.isBigInteger() ? node.bigIntegerValue().toString() : Long.toString(node.longValue()));
        } else if (node.isNumber()) {
            sink.text('n', node.decimalValue().toString());
        } else if (node.isBoolean()) {
            sink.tag(node.booleanValue() ? 'T' : 'F');
        } else {
            sink.tag('z');
        }
    }

    public static JsonNode parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            return token == null ? MissingNode.getInstance() : read(parser, token, null);
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The value starting at token; fed to the digest sink as well when it is not null. */
    private static JsonNode read(JsonParser parser, JsonToken token, RequestDigest sink) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = new ObjectNode(NODES, new SmallObjectMap());
                if (sink != null) {
                    sink.tag('{');
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (sink != null) {
                        sink.text('f', name);
                    }
                    object.set(name, read(parser, parser.nextToken(), sink));
                }
                if (sink != null) {
                    sink.tag('}');
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                if (sink != null) {
                    sink.tag('[');
                }
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, next, sink));
                }
                if (sink != null) {
                    sink.tag(']');
                }
                return array;
            }
            default: {
                JsonNode scalar = scalar(parser, token);
                if (sink != null) {
                    feedScalar(sink, scalar);
                }
                return scalar;
            }
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("Unexpected JSON token " + token);
        }
    }

    /** Writes a tree (JsonGenerator.writeTree would need an ObjectMapper). */
    public static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                g.writeFieldName(field.getKey());
                write(g, field.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            if (node.isBigInteger()) {
                g.writeNumber(node.bigIntegerValue());
            } else {
                g.writeNumber(node.longValue());
            }
        } else if (node.isNumber()) {
            g.writeNumber(node.decimalValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeNull();
        }
    }
}
