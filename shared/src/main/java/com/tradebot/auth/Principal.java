package com.tradebot.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authenticated caller: who, in which role, until when. It comes from a verified access token (the REST and
 * WebSocket {@code $connect} authorizer, or the WebSocket {@code authenticate} action) and reaches handlers only
 * through the authorizer's context, never from a request body, so a client cannot claim another id or role.
 */
public record Principal(String userId, Role role, Instant expiresAt) {
    /** Keys of the authorizer context (API Gateway passes string values through to the integration). */
    public static final String USER_ID = "userId";
    public static final String ROLE = "role";
    /** Epoch seconds at which the access token expires (API Gateway may serve a cached authorizer answer). */
    public static final String EXPIRES_AT = "expiresAt";
    /** What the authorizer puts in the context for a request without a token. */
    public static final String ANONYMOUS = "anonymous";
    public static final String ANONYMOUS_ROLE = "ANONYMOUS";

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * The principal the authorizer accepted, if it is still valid at {@code clock}'s now. Empty for anonymous
     * callers, unknown roles, a missing or malformed expiry, and a token that expired while API Gateway still
     * served the authorizer's cached answer.
     */
    public static Optional<Principal> fromAuthorizerContext(Map<String, ?> context, Clock clock) {
        if (context == null) {
            return Optional.empty();
        }
        Object userId = context.get(USER_ID) != null ? context.get(USER_ID) : context.get("principalId");
        Object role = context.get(ROLE);
        Object expiresAt = context.get(EXPIRES_AT);
        if (userId == null || role == null || expiresAt == null || ANONYMOUS.equals(userId.toString())
                || userId.toString().isBlank()) {
            return Optional.empty();
        }
        Instant expiry;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(expiresAt.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Role.parse(role.toString())
                .map(r -> new Principal(userId.toString(), r, expiry))
                .filter(p -> p.activeAt(clock.instant()));
    }

    /** What the authorizer hands API Gateway as its context for this principal. */
    public Map<String, String> toAuthorizerContext() {
        return Map.of(USER_ID, userId, ROLE, role.name(), EXPIRES_AT, Long.toString(expiresAt.getEpochSecond()));
    }

    /** True until the token's expiry second (the expiry itself is already too late). */
    public boolean activeAt(Instant now) {
        return now.getEpochSecond() < expiresAt.getEpochSecond();
    }

    public boolean hasAnyRole(Role... roles) {
        return Arrays.stream(roles).anyMatch(r -> r == role);
    }
}
