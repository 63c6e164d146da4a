package com.tradebot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.GrantAdmin;
import com.tradebot.auth.Totp;
import com.tradebot.local.LocalPlatform;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates users through the public API of a running platform, as a client would. */
final class Accounts {
    static final String PASSWORD = "Correct-horse-9";

    private final LocalPlatform platform;
    private final Http http;

    Accounts(LocalPlatform platform) {
        this.platform = platform;
        this.http = new Http(platform.restEndpoint());
    }

    /** A registered user and the tokens of its latest login. */
    record User(String id, String email, String accessToken, String refreshToken) {
        String bearer() {
            return Http.bearer(accessToken);
        }
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    User register(String prefix, String role) {
        String email = uniqueEmail(prefix);
        Http.Response response = http.post("/api/auth/register", Http.json(role == null
                ? Map.of("email", email, "password", PASSWORD, "name", prefix)
                : Map.of("email", email, "password", PASSWORD, "name", prefix, "role", role)));
        if (response.status() != 201) {
            throw new AssertionError("register failed: " + response.status() + " " + response.body());
        }
        return user(response.json());
    }

    User login(String email, String totpCode) {
        Http.Response response = http.post("/api/auth/login", Http.json(totpCode == null
                ? Map.of("email", email, "password", PASSWORD)
                : Map.of("email", email, "password", PASSWORD, "totpCode", totpCode)));
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response.status() + " " + response.body());
        }
        return user(response.json());
    }

    private static User user(JsonNode session) {
        return new User(session.at("/user/id").asText(), session.at("/user/email").asText(),
                session.get("accessToken").asText(), session.get("refreshToken").asText());
    }

    /** The first admin cannot come from the API (no one may grant it): the operator tool sets the role. */
    User admin(String prefix) {
        User user = register(prefix, null);
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(platform.dynamoDbEndpoint())
                .region(Region.US_EAST_1).httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            GrantAdmin.grant(dynamoDb, platform.model().template().tableName("MainTable"), user.email());
        }
        return login(user.email(), null);
    }

    /** What an authenticator app and the user's drawer hold after 2FA setup. */
    record TwoFactor(String secret, java.util.List<String> recoveryCodes) {
    }

    /**
     * Enables TOTP 2FA through the API. It uses the current time step; a code is accepted once, so the next TOTP
     * use must be {@code code(secret, 1)} and further ones need recovery codes (or waiting for the next step).
     */
    TwoFactor enableTwoFactor(User user) {
        JsonNode setup = http.post("/api/auth/2fa/setup", "{}", "Authorization", user.bearer()).json();
        String secret = setup.get("secret").asText();
        Http.Response verified = http.post("/api/auth/2fa/verify", Http.json(Map.of("code", code(secret, 0))),
                "Authorization", user.bearer());
        if (verified.status() != 200) {
            throw new AssertionError("2FA verify failed: " + verified.body());
        }
        java.util.List<String> recovery = new java.util.ArrayList<>();
        verified.json().get("recoveryCodes").forEach(c -> recovery.add(c.asText()));
        return new TwoFactor(secret, recovery);
    }

    /** The code of the time step {@code stepsAhead} steps from now (within the server's one-step drift window). */
    static String code(String secret, int stepsAhead) {
        Clock shifted = Clock.offset(Clock.systemUTC(), Duration.ofSeconds((long) Totp.PERIOD_SECONDS * stepsAhead));
        return new Totp(shifted).currentCode(secret);
    }
}
