package com.tradebot.auth;

import java.util.Locale;
import java.util.Optional;

/** What a user may do. Anyone may register as USER or PROVIDER; only an admin grants ADMIN. */
public enum Role {
    USER, PROVIDER, ADMIN;

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean selfAssignable() {
        return this != ADMIN;
    }
}
