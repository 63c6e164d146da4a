package com.tradebot.auth;

import com.tradebot.common.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Issues access + refresh token pairs, rotates refresh tokens with reuse detection, and ends sessions. */
public final class Sessions {
    private static final Logger LOG = LogManager.getLogger(Sessions.class);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(7);

    private final AccessTokens accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final Clock clock;

    public Sessions(AccessTokens accessTokens, RefreshTokenRepository refreshTokens, UserRepository users, Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.clock = clock;
    }

    /** A new login: a new token family. */
    public AuthSession start(User user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(REFRESH_LIFETIME);
        String refreshToken = RefreshTokenCodec.newToken();
        refreshTokens.startFamily(user.id(), UUID.randomUUID().toString(), RefreshTokenCodec.hash(refreshToken), now,
                expiresAt);
        return session(user, refreshToken, expiresAt);
    }

    public AuthSession refresh(String refreshToken) {
        if (!RefreshTokenCodec.wellFormed(refreshToken)) {
            throw ApiException.unauthorized("Invalid refresh token");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(REFRESH_LIFETIME);
        String next = RefreshTokenCodec.newToken();
        RefreshTokenRepository.Rotation rotation = refreshTokens.rotate(RefreshTokenCodec.hash(refreshToken),
                RefreshTokenCodec.hash(next), now, expiresAt);
        if (rotation instanceof RefreshTokenRepository.Rotation.Rotated rotated) {
            Optional<User> user = users.findById(rotated.userId());
            if (user.isEmpty() || user.get().disabled()) {
                refreshTokens.revokeFamily(rotated.familyId());
                throw ApiException.unauthorized("Account is disabled");
            }
            return session(user.get(), next, expiresAt);
        }
        if (rotation instanceof RefreshTokenRepository.Rotation.Reused reused) {
            LOG.warn("Refresh token reuse detected: user {} family {} revoked", reused.userId(), reused.familyId());
            throw new ApiException(401, "REFRESH_TOKEN_REUSED",
                    "Refresh token was already used; all sessions of this login are revoked");
        }
        throw ApiException.unauthorized("Invalid or expired refresh token");
    }

    /** Revokes the presented token's family; unknown tokens are ignored so logout is idempotent. */
    public void end(String refreshToken) {
        if (RefreshTokenCodec.wellFormed(refreshToken)) {
            refreshTokens.familyOf(RefreshTokenCodec.hash(refreshToken)).ifPresent(refreshTokens::revokeFamily);
        }
    }

    public void endAllOf(String userId) {
        refreshTokens.revokeAllOf(userId);
    }

    private AuthSession session(User user, String refreshToken, Instant refreshExpiresAt) {
        return new AuthSession(user.view(), accessTokens.issue(user.id(), user.role()), AccessTokens.LIFETIME.toSeconds(),
                refreshToken, refreshExpiresAt);
    }
}
