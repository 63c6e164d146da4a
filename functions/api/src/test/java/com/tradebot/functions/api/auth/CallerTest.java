package com.tradebot.functions.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.auth.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final long now = clock.instant().getEpochSecond();

    @Test
    void readsIdAndRoleFromTheAuthorizerContext() {
        assertThat(Caller.of(Map.of("userId", "u1", "role", "PROVIDER", "expiresAt", Long.toString(now + 60)), clock))
                .contains(new Caller("u1", Role.PROVIDER));
        assertThat(Caller.of(Map.of("principalId", "u2", "role", "USER"), clock)).contains(new Caller("u2", Role.USER));
    }

    @Test
    void anonymousUnknownRolesAndTokensExpiredBehindTheAuthorizerCacheAreNobody() {
        assertThat(Caller.of(Map.of("userId", "anonymous", "role", "ANONYMOUS"), clock)).isEmpty();
        assertThat(Caller.of(Map.of("userId", "u1", "role", "ROOT"), clock)).isEmpty();
        assertThat(Caller.of(Map.of("userId", "u1", "role", "USER", "expiresAt", Long.toString(now)), clock)).isEmpty();
        assertThat(Caller.of(Map.of("userId", "u1", "role", "USER", "expiresAt", now - 1), clock)).isEmpty();
        assertThat(Caller.of(Map.of("userId", "u1", "role", "USER", "expiresAt", "soon"), clock)).isEmpty();
        assertThat(Caller.of(Map.of(), clock)).isEmpty();
    }
}
