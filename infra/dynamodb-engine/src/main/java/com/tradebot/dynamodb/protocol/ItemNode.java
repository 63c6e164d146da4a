package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.POJONode;
import com.tradebot.dynamodb.value.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * An item or key of a request read straight from the token stream (see {@link Json#parseRequest}), in the tree where
 * its JSON object would be: {@link Request#item(String)} takes the map from it, and a digest of the request feeds the
 * tokens the object was sent as.
 */
final class ItemNode extends POJONode {
    private final transient Map<String, AttributeValue> item;
    /** (name, type, text) per attribute as sent; "true"/"false" for a boolean; null when no digest was asked for. */
    private final transient List<String> tokens;

    ItemNode(Map<String, AttributeValue> item, List<String> tokens) {
        super(item);
        this.item = item;
        this.tokens = tokens;
    }

    /** The item, unmodifiable. */
    Map<String, AttributeValue> item() {
        return item;
    }

    /** Feeds what {@link Json#digest} would feed for the object sent: {"name": {"S": "text"}, ...}. */
    void feed(RequestDigest sink) {
        if (tokens == null) {
            throw new IllegalStateException("item read without its tokens");
        }
        sink.tag('{');
        for (int i = 0; i < tokens.size(); i += 3) {
            sink.text('f', tokens.get(i));
            sink.tag('{');
            String type = tokens.get(i + 1);
            sink.text('f', type);
            String text = tokens.get(i + 2);
            if (type.equals("BOOL") || type.equals("NULL")) {
                sink.tag(text.equals("true") ? 'T' : 'F');
            } else {
                sink.text('s', text);
            }
            sink.tag('}');
        }
        sink.tag('}');
    }
}
