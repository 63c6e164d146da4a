package com.tradebot.realtime;

import java.util.Optional;

/** Turns an access token into the caller it names; empty when the token is invalid or expired. */
public interface TokenVerifier {
    Optional<Caller> verify(String token);

    record Caller(String userId, String role) {
    }
}
