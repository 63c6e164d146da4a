package com.tradebot.auth;

/**
 * "Log out everywhere": ends every refresh session of the caller on every device and closes their WebSocket
 * connections at once. Access tokens already issued lapse within their 15-minute lifetime, as after an admin disables
 * an account; a closed WebSocket client must present a fresh token to subscribe again, which a revoked refresh
 * session can no longer produce.
 */
public final class SignOutEverywhere {
    private final RefreshTokenRepository refreshTokens;
    private final LiveSessions liveSessions;

    public SignOutEverywhere(RefreshTokenRepository refreshTokens, LiveSessions liveSessions) {
        this.refreshTokens = refreshTokens;
        this.liveSessions = liveSessions;
    }

    public void signOut(String userId) {
        // Sessions first: a client whose socket closes and that reconnects must not find a refresh token still valid.
        refreshTokens.revokeAllOf(userId);
        liveSessions.closeAllOf(userId);
    }
}
