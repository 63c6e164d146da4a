package com.tradebot.auth;

import com.google.crypto.tink.Aead;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The accounts services wired together, for the auth function ({@link AuthWiring#accounts}) and tests. */
public final class AuthModule {
    private final UserRepository users;
    private final AccessTokens accessTokens;
    private final Sessions sessions;
    private final SecondFactor secondFactor;
    private final Accounts accounts;
    private final UserAdministration administration;
    private final Aead aead;

    public AuthModule(DynamoDbClient dynamoDb, String table, AccessTokens accessTokens, Aead aead,
                      PasswordHasher passwords, Clock clock) {
        this(dynamoDb, table, accessTokens, aead, passwords, clock, LoginThrottle.Subject.REGISTRATION_IP.threshold());
    }

    public AuthModule(DynamoDbClient dynamoDb, String table, AccessTokens accessTokens, Aead aead,
                      PasswordHasher passwords, Clock clock, int registrationsPerIp) {
        this.aead = aead;
        this.accessTokens = accessTokens;
        this.users = new UserRepository(dynamoDb, table);
        LoginThrottle throttle = new LoginThrottle(new LoginAttemptRepository(dynamoDb, table), clock,
                registrationsPerIp);
        this.sessions = new Sessions(accessTokens, new RefreshTokenRepository(dynamoDb, table), users, clock);
        this.secondFactor = new SecondFactor(users, new Totp(clock), aead, throttle);
        this.accounts = new Accounts(users, passwords, sessions, secondFactor, throttle, clock);
        this.administration = new UserAdministration(users, new RefreshTokenRepository(dynamoDb, table));
    }

    public UserRepository users() {
        return users;
    }

    public AccessTokens accessTokens() {
        return accessTokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    public SecondFactor secondFactor() {
        return secondFactor;
    }

    public Accounts accounts() {
        return accounts;
    }

    public UserAdministration administration() {
        return administration;
    }

    public Aead aead() {
        return aead;
    }
}
