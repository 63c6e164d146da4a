package com.tradebot.auth;

import java.util.Optional;

/** Turns an access token into the principal it names; empty when the token is invalid or expired. */
@FunctionalInterface
public interface TokenVerifier {
    Optional<Principal> verify(String token);
}
