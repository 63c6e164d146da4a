package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives every flow that handles a secret (passwords, tokens, TOTP secrets and codes, recovery codes, exchange API
 * keys and secrets), including failing ones, with our loggers at DEBUG, then scans everything logged for them.
 */
class SecretsNeverLoggedE2ETest {
    @Test
    void noSecretAppearsInAnyLogLine() throws Exception {
        List<String> secrets = new ArrayList<>();
        String logs;
        int loggedEvents;
        try (LogCapture capture = LogCapture.start();
             LocalPlatform platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()))) {
            Http http = new Http(platform.restEndpoint());
            Accounts accounts = new Accounts(platform);

            Accounts.User user = accounts.register("lena", null);
            secrets.add(Accounts.PASSWORD);
            secrets.add(user.accessToken());
            secrets.add(user.refreshToken());
            http.post("/api/auth/login", Http.json(Map.of("email", user.email(), "password", "Wrong-but-secret-77")));
            secrets.add("Wrong-but-secret-77");
            http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", user.refreshToken())));
            http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", user.refreshToken()))); // reuse, 401

            Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(user);
            secrets.add(twoFactor.secret());
            secrets.addAll(twoFactor.recoveryCodes());
            String code = Accounts.code(twoFactor.secret(), 1);
            secrets.add(code);
            String apiKey = "LOGSCANKEY" + "7Q2Z9X4W";
            String apiSecret = "log-scan-api-secret-" + "Jd83kfQ0";
            String passphrase = "log-scan-passphrase-" + "Pz81";
            secrets.add(apiKey);
            secrets.add(apiSecret);
            secrets.add(passphrase);
            Http.Response saved = http.post("/api/exchange-keys", Http.json(Map.of("exchange", "okx", "apiKey", apiKey,
                    "apiSecret", apiSecret, "passphrase", passphrase, "permissions", List.of("READ"), "testnet", true,
                    "totpCode", code)), "Authorization", user.bearer());
            assertThat(saved.status()).isEqualTo(201);
            // failing variants: wrong code, broken JSON carrying the secret, wrong types
            http.post("/api/exchange-keys", Http.json(Map.of("exchange", "okx", "apiKey", apiKey, "apiSecret", apiSecret,
                    "permissions", List.of("READ"), "testnet", true, "totpCode", "000000")), "Authorization", user.bearer());
            http.post("/api/exchange-keys", "{\"apiSecret\":\"" + apiSecret + "\",", "Authorization", user.bearer());
            http.post("/api/exchange-keys", "{\"apiSecret\":{\"v\":\"" + apiSecret + "\"},\"apiKey\":[\"" + apiKey + "\"]}",
                    "Authorization", user.bearer());
            http.get("/api/exchange-keys", "Authorization", user.bearer());
            http.get("/api/auth/me", "Authorization", Http.bearer(user.accessToken() + "x"));
            logs = capture.text();
            loggedEvents = capture.eventCharacters();
        }
        // the scan saw the functions' own log lines, so an empty or disconnected capture cannot pass
        assertThat(loggedEvents).isPositive();
        assertThat(logs).contains("Refresh token reuse detected").contains("Exchange key").contains("Login failed");
        for (String secret : secrets) {
            assertThat(logs).as("a secret reached the logs").doesNotContain(secret);
        }
    }
}
