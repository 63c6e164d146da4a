package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ClientRequestTokens of successful transactions, remembered for a while with a digest of the request they came
 * with. The SDK sends a token with every TransactWriteItems, so entries are small, expire oldest-first in O(1),
 * and their number is capped. Used under the database's write lock only; the digest, the costly part, is
 * computed with {@link #digest(JsonNode)} before taking the lock.
 */
final class IdempotencyCache {
    static final int MAX_ENTRIES = 100_000;

    private record Entry(byte[] digest, long expiresAtNanos) {
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final long ttlNanos;

    IdempotencyCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** True when the token was used with this same request recently (answer again without running it). */
    boolean replay(String token, JsonNode request) {
        return replay(token, digest(request));
    }

    /** As {@link #replay(String, JsonNode)} with the request's {@link #digest(JsonNode)}. */
    boolean replay(String token, byte[] requestDigest) {
        long now = System.nanoTime();
        expire(now);
        Entry entry = entries.get(token);
        if (entry == null) {
            return false;
        }
        if (!Arrays.equals(entry.digest(), requestDigest)) {
            throw DynamoDbException.idempotentParameterMismatch(
                    "The request with the same client token was already used with different parameters");
        }
        return true;
    }

    void remember(String token, JsonNode request) {
        remember(token, digest(request));
    }

    void remember(String token, byte[] requestDigest) {
        long now = System.nanoTime();
        entries.remove(token);
        entries.put(token, new Entry(requestDigest, now + ttlNanos));
        expire(now);
    }

    /** Entries are in insertion order, which is also expiry order. */
    private void expire(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry oldest = it.next();
            if (oldest.expiresAtNanos() - now >= 0 && entries.size() <= MAX_ENTRIES) {
                return;
            }
            it.remove();
        }
    }

    int size() {
        return entries.size();
    }

    /**
     * SHA-256 of the request; a pure function of the request, so callers compute it outside the lock. Two requests
     * get the same digest exactly when they render as the same JSON. The tree is fed to the digest directly rather
     * than through a Jackson generator: that one would be nested in the response's generator and so could not reuse
     * the thread's recycled buffers, and its fresh 8 KB and 16 KB buffers were most of a transaction's garbage.
     */
    static byte[] digest(JsonNode request) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        feed(sha256, request);
        return sha256.digest();
    }

    /** An unambiguous encoding of the JSON text: one tag per token, strings and numbers length-prefixed. */
    private static void feed(MessageDigest digest, JsonNode node) {
        if (node.isObject()) {
            digest.update((byte) '{');
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                feedText(digest, (byte) 'f', field.getKey());
                feed(digest, field.getValue());
            }
            digest.update((byte) '}');
        } else if (node.isArray()) {
            digest.update((byte) '[');
            for (JsonNode element : node) {
                feed(digest, element);
            }
            digest.update((byte) ']');
        } else if (node.isTextual()) {
            feedText(digest, (byte) 's', node.textValue());
        } else if (node.isIntegralNumber()) {
            // as Json.write renders it, so that equal JSON text means equal digest
            feedText(digest, (byte) 'n', node.isBigInteger() ? node.bigIntegerValue().toString() : Long.toString(node.longValue()));
        } else if (node.isNumber()) {
            feedText(digest, (byte) 'n', node.decimalValue().toString());
        } else if (node.isBoolean()) {
            digest.update((byte) (node.booleanValue() ? 'T' : 'F'));
        } else {
            digest.update((byte) 'z');
        }
    }

    /** The UTF-16 code units as they are: a charset encoder would replace lone surrogates and so merge strings. */
    private static void feedText(MessageDigest digest, byte tag, String text) {
        int length = text.length();
        byte[] bytes = new byte[5 + 2 * length];
        bytes[0] = tag;
        bytes[1] = (byte) (length >>> 24);
        bytes[2] = (byte) (length >>> 16);
        bytes[3] = (byte) (length >>> 8);
        bytes[4] = (byte) length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            bytes[5 + 2 * i] = (byte) (c >>> 8);
            bytes[6 + 2 * i] = (byte) c;
        }
        digest.update(bytes);
    }
}
