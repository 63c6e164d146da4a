package com.tradebot.auth;

import com.google.crypto.tink.Aead;
import com.tradebot.crypto.Aeads;
import com.tradebot.storage.MainTable;
import java.time.Clock;

/**
 * Narrow factories for the accounts functions: each function builds only what it uses, and so reads only that
 * configuration and needs only those IAM permissions (model: the dagger module of serverless-java-frameworks-samples,
 * where each handler injects only what it needs). Configuration is read here, at construction, never per request.
 */
public final class AuthWiring {
    private AuthWiring() {
    }

    /** Issues and verifies access tokens. Reads {@code JWT_SIGNING_SECRET_ID} (or the local secrets directory). */
    public static AccessTokens accessTokens(Clock clock) {
        return new AccessTokens(SigningKeys.fromEnvironment(), clock);
    }

    /** Admin user management: users and their refresh sessions. Reads nothing beyond the table. */
    public static UserAdministration administration(MainTable table) {
        return new UserAdministration(new UserRepository(table.client(), table.name()),
                new RefreshTokenRepository(table.client(), table.name()));
    }

    /** TOTP checks for functions that demand a code (e.g. the vault), with the AEAD that guards TOTP secrets. */
    public static SecondFactor secondFactor(MainTable table, Aead aead, Clock clock) {
        return new SecondFactor(new UserRepository(table.client(), table.name()), new Totp(clock), aead,
                new LoginThrottle(table.client(), table.name(), clock));
    }

    /**
     * Register, login, refresh, logout and 2FA management: tokens, users, sessions and the AEAD of TOTP secrets.
     * Reads {@code JWT_SIGNING_SECRET_ID} and {@code VAULT_KMS_KEY_ID} (or the local secrets directory).
     */
    public static AuthModule accounts(MainTable table, Clock clock) {
        return new AuthModule(table.client(), table.name(), accessTokens(clock), Aeads.fromEnvironment(),
                new PasswordHasher(), clock);
    }
}
