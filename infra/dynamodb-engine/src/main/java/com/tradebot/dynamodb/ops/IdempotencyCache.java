package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** ClientRequestTokens of successful transactions, remembered for a while with the request they came with. */
final class IdempotencyCache {
    private record Entry(JsonNode request, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    IdempotencyCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** True when the token was used with this same request recently (answer again without running it). */
    boolean replay(String token, JsonNode request) {
        long now = System.nanoTime();
        Entry entry = entries.get(token);
        if (entry == null || entry.expiresAtNanos() - now < 0) {
            return false;
        }
        if (!entry.request().equals(request)) {
            throw DynamoDbException.idempotentParameterMismatch(
                    "The request with the same client token was already used with different parameters");
        }
        return true;
    }

    void remember(String token, JsonNode request) {
        long now = System.nanoTime();
        if (entries.size() > 1000) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (it.next().expiresAtNanos() - now < 0) {
                    it.remove();
                }
            }
        }
        entries.put(token, new Entry(request, now + ttlNanos));
    }
}
