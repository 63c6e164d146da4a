package com.tradebot.functions.api.auth;

import com.tradebot.auth.Role;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The authenticated caller, read only from what the Lambda authorizer put in the request context (never from the
 * body, so a client cannot claim another id or role).
 */
public record Caller(String userId, Role role) {
    static final String ANONYMOUS = "anonymous";
    /** Epoch seconds at which the access token expires (API Gateway may serve a cached authorizer answer). */
    static final String EXPIRES_AT = "expiresAt";

    public static Optional<Caller> of(ApiRequest request) {
        return of(request.authorizerContext(), Clock.systemUTC());
    }

    static Optional<Caller> of(Map<String, Object> context, Clock clock) {
        Object userId = context.get("userId") != null ? context.get("userId") : context.get("principalId");
        Object role = context.get("role");
        if (userId == null || role == null || ANONYMOUS.equals(userId.toString()) || expired(context, clock)) {
            return Optional.empty();
        }
        return Role.parse(role.toString()).map(r -> new Caller(userId.toString(), r));
    }

    private static boolean expired(Map<String, Object> context, Clock clock) {
        Object expiresAt = context.get(EXPIRES_AT);
        if (expiresAt == null) {
            return false;
        }
        try {
            return Long.parseLong(expiresAt.toString()) <= clock.instant().getEpochSecond();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** 401 unless the request carries a valid access token. */
    public static Caller require(ApiRequest request) {
        return of(request).orElseThrow(() -> ApiException.unauthorized("Missing or invalid access token"));
    }

    /** 401 without a token, 403 with a token of another role. */
    public static Caller requireRole(ApiRequest request, Role... roles) {
        Caller caller = require(request);
        if (Arrays.stream(roles).noneMatch(r -> r == caller.role())) {
            throw ApiException.forbidden("This needs the role " + Arrays.toString(roles));
        }
        return caller;
    }
}
