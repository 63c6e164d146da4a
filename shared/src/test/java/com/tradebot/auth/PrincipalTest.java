package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final long now = clock.instant().getEpochSecond();

    @Test
    void readsIdRoleAndExpiryFromTheAuthorizerContext() {
        assertThat(Principal.fromAuthorizerContext(
                Map.of("userId", "u1", "role", "PROVIDER", "expiresAt", Long.toString(now + 60)), clock))
                .contains(new Principal("u1", Role.PROVIDER, Instant.ofEpochSecond(now + 60)));
        assertThat(Principal.fromAuthorizerContext(
                Map.of("principalId", "u2", "role", "USER", "expiresAt", now + 1), clock))
                .contains(new Principal("u2", Role.USER, Instant.ofEpochSecond(now + 1)));
    }

    @Test
    void whatTheAuthorizerWritesReadsBack() {
        Principal principal = new Principal("u1", Role.ADMIN, Instant.ofEpochSecond(now + 900));
        assertThat(Principal.fromAuthorizerContext(principal.toAuthorizerContext(), clock)).contains(principal);
    }

    @Test
    void anonymousUnknownRolesMissingExpiryAndTokensExpiredBehindTheAuthorizerCacheAreNobody() {
        String later = Long.toString(now + 60);
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "anonymous", "role", "ANONYMOUS",
                "expiresAt", later), clock)).isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "u1", "role", "ROOT", "expiresAt", later), clock))
                .isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "u1", "role", "USER"), clock)).isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "u1", "role", "USER",
                "expiresAt", Long.toString(now)), clock)).isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "u1", "role", "USER", "expiresAt", now - 1), clock))
                .isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "u1", "role", "USER", "expiresAt", "soon"), clock))
                .isEmpty();
        assertThat(Principal.fromAuthorizerContext(Map.of(), clock)).isEmpty();
        assertThat(Principal.fromAuthorizerContext(null, clock)).isEmpty();
    }

    @Test
    void rolesAreCheckedByEnum() {
        Principal provider = new Principal("u1", Role.PROVIDER, Instant.ofEpochSecond(now + 60));
        assertThat(provider.hasAnyRole(Role.ADMIN, Role.PROVIDER)).isTrue();
        assertThat(provider.hasAnyRole(Role.ADMIN)).isFalse();
    }
}
