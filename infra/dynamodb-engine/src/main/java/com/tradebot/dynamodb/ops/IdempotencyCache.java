package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Json;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ClientRequestTokens of successful transactions, remembered for a while with a digest of the request they came
 * with. The SDK sends a token with every TransactWriteItems, so entries are small, expire oldest-first in O(1),
 * and their number is capped. Used under the database's write lock only; the digest, the costly part, is
 * computed before taking the lock (while the request is parsed, see {@link Json#parse(byte[], String)}).
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

    /** Normally after {@link #replay} said no in the same lock hold: the token is new, one hash lookup suffices. */
    void remember(String token, byte[] requestDigest) {
        long now = System.nanoTime();
        Entry entry = new Entry(requestDigest, now + ttlNanos);
        if (entries.put(token, entry) != null) {
            // it was there: move it to the end, where expiry order wants it
            entries.remove(token);
            entries.put(token, entry);
        }
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

    /** The request's {@link Json#digest(JsonNode)}: a pure function of the request, computed outside the lock. */
    static byte[] digest(JsonNode request) {
        return Json.digest(request);
    }
}
