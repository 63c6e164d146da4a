package com.tradebot.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque list cursors: a Query's LastEvaluatedKey (string attributes only, as all our keys are) as URL-safe
 * base64 JSON. A cursor that does not decode, or names other key attributes than expected, is the client's error.
 */
public final class PageCursor {
    private PageCursor() {
    }

    public static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((name, value) -> plain.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** The start key a cursor names, or null for none; {@code expectedPrefix} guards against cursors of other lists. */
    public static Map<String, AttributeValue> decode(String cursor, String keyAttribute, String expectedPrefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            Map<String, String> plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor),
                    new TypeReference<Map<String, String>>() { });
            String value = plain.get(keyAttribute);
            if (value == null || !value.startsWith(expectedPrefix) || plain.size() > 4) {
                throw new IllegalArgumentException("foreign cursor");
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((name, v) -> key.put(name, Attr.s(v)));
            return key;
        } catch (Exception e) {
            throw ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this list returned");
        }
    }
}
