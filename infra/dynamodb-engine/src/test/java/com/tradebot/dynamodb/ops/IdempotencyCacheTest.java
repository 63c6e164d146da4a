package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyCacheTest {

    private static JsonNode request(String json) throws IOException {
        return Json.parse(json);
    }

    @Test
    void sameTokenAndRequestReplaysAndADifferentRequestIsAMismatch() throws IOException {
        IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(10));
        assertThat(cache.replay("t1", request("[{\"Put\":{\"a\":1}}]"))).isFalse();
        cache.remember("t1", request("[{\"Put\":{\"a\":1}}]"));
        assertThat(cache.replay("t1", request("[{\"Put\":{\"a\":1}}]"))).isTrue();
        assertThatThrownBy(() -> cache.replay("t1", request("[{\"Put\":{\"a\":2}}]")))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.type()).isEqualTo("IdempotentParameterMismatchException"));
    }

    @Test
    void expiredTokensAreForgotten() throws IOException {
        IdempotencyCache cache = new IdempotencyCache(Duration.ofNanos(1));
        cache.remember("t1", request("[1]"));
        assertThat(cache.replay("t1", request("[2]"))).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theNumberOfRememberedTokensIsCapped() throws IOException {
        IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(10));
        JsonNode body = request("[1]");
        for (int i = 0; i < IdempotencyCache.MAX_ENTRIES + 10; i++) {
            cache.remember("token-" + i, body);
        }
        assertThat(cache.size()).isEqualTo(IdempotencyCache.MAX_ENTRIES);
        assertThat(cache.replay("token-0", body)).isFalse();
        assertThat(cache.replay("token-" + (IdempotencyCache.MAX_ENTRIES + 9), body)).isTrue();
    }
}
