package com.tradebot.auth;

import com.tradebot.crypto.Aeads;
import com.tradebot.crypto.LocalSecretsDirectory;
import com.tradebot.testing.LocalDynamoDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The accounts services over a fresh main table in the real engine, with a hand-driven clock. */
public final class AuthFixture {
    public static final PasswordHasher HASHER = new PasswordHasher();

    public final MutableClock clock = new MutableClock(Instant.now());
    public final String table = LocalDynamoDb.newMainTable();
    public final Path secretsDir;
    public final AuthModule auth;

    public AuthFixture() {
        try {
            secretsDir = Files.createTempDirectory("tradebot-secrets");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        auth = new AuthModule(LocalDynamoDb.client(), table,
                new AccessTokens(SigningKeys.fromSeed("fixture-signing-seed-0123456789-abcdefgh".getBytes(StandardCharsets.UTF_8)), clock),
                Aeads.localKeyset(new LocalSecretsDirectory(secretsDir)), HASHER, clock);
    }

    public AuthSession register(String email, String role) {
        return auth.accounts().register(new Accounts.Registration(email, "Correct-horse-9", "Test User", role),
                nextIp());
    }

    private final java.util.concurrent.atomic.AtomicInteger ips = new java.util.concurrent.atomic.AtomicInteger();

    /** A different client address per call, so per-IP registration limits stay out of tests about other things. */
    public String nextIp() {
        int n = ips.incrementAndGet();
        return "10.200." + (n / 250) + "." + (n % 250 + 1);
    }

    /** Turns on 2FA for a user and returns the TOTP secret, as an authenticator app would hold it. */
    public String enableTwoFactor(String userId) {
        String secret = auth.secondFactor().setup(userId).secret();
        auth.secondFactor().enable(userId, new Totp(clock).currentCode(secret));
        return secret;
    }

    /** A valid code of a later time step than any used so far (codes are single-use). */
    public String nextCode(String secret) {
        clock.advance(java.time.Duration.ofSeconds(Totp.PERIOD_SECONDS));
        return new Totp(clock).currentCode(secret);
    }
}
