package com.tradebot.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An account. {@code totpSecretCiphertext} is the TOTP secret encrypted with the account AEAD (null until 2FA setup);
 * {@code recoveryCodeHashes} are SHA-256 hashes of the unused recovery codes.
 */
public record User(String id, String email, String name, Role role, String passwordHash, boolean disabled,
                   byte[] totpSecretCiphertext, boolean totpEnabled, Set<String> recoveryCodeHashes,
                   Instant createdAt) {

    public User {
        recoveryCodeHashes = recoveryCodeHashes == null ? Set.of() : Set.copyOf(recoveryCodeHashes);
    }

    /** Never prints the password hash, the TOTP secret or recovery codes. */
    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + ", disabled=" + disabled + ", totpEnabled=" + totpEnabled + "]";
    }

    public UserView view() {
        return new UserView(id, email, name, role.name(), totpEnabled, disabled, createdAt);
    }

    /** The public face of a user: never the hash, the TOTP secret or recovery codes. */
    public record UserView(String id, String email, String name, String role, boolean twoFactorEnabled,
                           boolean disabled, Instant createdAt) {
    }
}
