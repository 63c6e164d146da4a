package com.tradebot.auth;

import com.google.crypto.tink.Aead;
import com.tradebot.common.Env;
import com.tradebot.crypto.Aeads;
import com.tradebot.storage.MainTable;
import java.time.Clock;

/**
 * Narrow factories for the accounts functions: each function builds only what it uses, and so reads only that
 * configuration and needs only those IAM permissions (model: the dagger module of serverless-java-frameworks-samples,
 * where each handler injects only what it needs). Configuration is read here, at construction, never per request.
 */
public final class AuthWiring {
    public static final String REGISTRATIONS_PER_IP = "REGISTRATIONS_PER_IP";

    private AuthWiring() {
    }

    /** Issues and verifies access tokens. Reads {@code JWT_SIGNING_SECRET_ID} (or the local secrets directory). */
    public static AccessTokens accessTokens(Clock clock) {
        return new AccessTokens(SigningKeys.fromEnvironment(), clock);
    }

    /** Admin user management: users, their refresh sessions and their live (WebSocket) sessions. */
    public static UserAdministration administration(MainTable table, LiveSessions liveSessions) {
        return new UserAdministration(new UserRepository(table.client(), table.name()),
                new RefreshTokenRepository(table.client(), table.name()), liveSessions);
    }

    /** "Log out everywhere": the caller's refresh sessions and their live (WebSocket) sessions. */
    public static SignOutEverywhere signOutEverywhere(MainTable table, LiveSessions liveSessions) {
        return new SignOutEverywhere(new RefreshTokenRepository(table.client(), table.name()), liveSessions);
    }

    /** TOTP checks for functions that demand a code (e.g. the vault), with the AEAD that guards TOTP secrets. */
    public static SecondFactor secondFactor(MainTable table, Aead aead, Clock clock) {
        return new SecondFactor(new UserRepository(table.client(), table.name()), new Totp(clock), aead,
                new LoginThrottle(new LoginAttemptRepository(table.client(), table.name()), clock));
    }

    /**
     * Register, login, refresh, logout and 2FA management: tokens, users, sessions and the AEAD of TOTP secrets.
     * Reads {@code JWT_SIGNING_SECRET_ID} and {@code VAULT_KMS_KEY_ID} (or the local secrets directory), and
     * {@code REGISTRATIONS_PER_IP} (registrations per address and 15 minutes; the template passes its WAF limit).
     */
    public static AuthModule accounts(MainTable table, Clock clock) {
        int registrationsPerIp = Integer.parseInt(Env.get(REGISTRATIONS_PER_IP,
                Integer.toString(LoginThrottle.Subject.REGISTRATION_IP.threshold())));
        return new AuthModule(table.client(), table.name(), accessTokens(clock), Aeads.fromEnvironment(),
                new PasswordHasher(), clock, registrationsPerIp);
    }
}
