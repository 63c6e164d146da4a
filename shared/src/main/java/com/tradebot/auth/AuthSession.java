package com.tradebot.auth;

import java.time.Instant;

/** What a successful register, login or refresh hands the client. */
public record AuthSession(User.UserView user, String accessToken, long expiresIn, String refreshToken,
                          Instant refreshExpiresAt) {
    @Override
    public String toString() {
        return "AuthSession[user=" + user.id() + ", tokens=***]";
    }
}
