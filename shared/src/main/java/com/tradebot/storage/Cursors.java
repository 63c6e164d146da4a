package com.tradebot.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.tradebot.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors: a query's LastEvaluatedKey as opaque base64url JSON of its string key attributes. Decoding checks
 * the shape against the listing it is presented to, so a crafted cursor is a 400 (via {@link InvalidCursorException})
 * and never reaches DynamoDB as a malformed ExclusiveStartKey.
 */
public final class Cursors {
    private static final int MAX_CURSOR_CHARS = 2048;

    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        Map<String, String> plain = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() == null) {
                throw new IllegalArgumentException("Only string key attributes can be put in a cursor: " + name);
            }
            plain.put(name, value.s());
        });
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param fixed     key attributes whose value the listing fixes (e.g. the queried partition)
     * @param variable  the other key attributes the cursor must carry
     */
    public static Map<String, AttributeValue> decode(String cursor, Map<String, String> fixed, Set<String> variable) {
        Map<String, String> plain;
        try {
            if (cursor.length() > MAX_CURSOR_CHARS) {
                throw new InvalidCursorException();
            }
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            plain = Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (InvalidCursorException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidCursorException();
        }
        if (plain == null || plain.size() != fixed.size() + variable.size()) {
            throw new InvalidCursorException();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : fixed.entrySet()) {
            if (!entry.getValue().equals(plain.get(entry.getKey()))) {
                throw new InvalidCursorException();
            }
            key.put(entry.getKey(), Attr.s(entry.getValue()));
        }
        for (String name : variable) {
            String value = plain.get(name);
            if (value == null || value.isEmpty()) {
                throw new InvalidCursorException();
            }
            key.put(name, Attr.s(value));
        }
        return key;
    }
}
