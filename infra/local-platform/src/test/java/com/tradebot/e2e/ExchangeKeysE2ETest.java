package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exchange-key vault over HTTP: 2FA gate, masked listing, owner-only deletion, secrets never returned. */
class ExchangeKeysE2ETest {
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path())
                .withParameters(Map.of("ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static String keyBody(String apiKey, String apiSecret, String code) {
        return Http.json(Map.of("exchange", "binance", "apiKey", apiKey, "apiSecret", apiSecret,
                "permissions", List.of("READ", "TRADE"), "testnet", true, "totpCode", code));
    }

    @Test
    void savingNeedsTwoFactorAndTheSecretNeverComesBack() {
        Accounts.User user = accounts.register("vera", null);
        Http.Response without2fa = http.post("/api/exchange-keys", keyBody("BINANCEKEY0009876", "s3cr3t-value-abc", "123456"),
                "Authorization", user.bearer());
        assertThat(without2fa.status()).isEqualTo(403);
        assertThat(without2fa.errorCode()).isEqualTo("TOTP_REQUIRED");

        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(user);
        assertThat(http.post("/api/exchange-keys", keyBody("BINANCEKEY0009876", "s3cr3t-value-abc", "000000"),
                "Authorization", user.bearer()).status()).isEqualTo(401);
        Http.Response saved = http.post("/api/exchange-keys",
                keyBody("BINANCEKEY0009876", "s3cr3t-value-abc", Accounts.code(twoFactor.secret(), 1)),
                "Authorization", user.bearer());
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("maskedKey").asText()).isEqualTo("****9876");
        assertThat(saved.body()).doesNotContain("s3cr3t-value-abc").doesNotContain("BINANCEKEY0009876");

        Http.Response listed = http.get("/api/exchange-keys", "Authorization", user.bearer());
        JsonNode item = listed.json().get("items").get(0);
        assertThat(item.get("exchange").asText()).isEqualTo("binance");
        assertThat(item.get("maskedKey").asText()).isEqualTo("****9876");
        assertThat(item.get("permissions")).hasSize(2);
        assertThat(item.get("createdAt").asText()).isNotBlank();
        assertThat(listed.body()).doesNotContain("s3cr3t-value-abc").doesNotContain("apiSecret");
    }

    @Test
    void anotherUserCannotSeeOrDeleteAKeyAndBadInputIs400() {
        Accounts.User owner = accounts.register("owen", null);
        Accounts.User other = accounts.register("mallory", null);
        Accounts.TwoFactor twoFactor = accounts.enableTwoFactor(owner);
        String id = http.post("/api/exchange-keys", keyBody("OWNERKEY00001111", "owner-secret-xyz",
                Accounts.code(twoFactor.secret(), 1)), "Authorization", owner.bearer()).json().get("id").asText();

        assertThat(http.get("/api/exchange-keys", "Authorization", other.bearer()).json().get("items")).isEmpty();
        assertThat(http.send("DELETE", "/api/exchange-keys/" + id, null, "Authorization", other.bearer()).status())
                .isEqualTo(403);
        assertThat(http.send("DELETE", "/api/exchange-keys/" + id, null).status()).isEqualTo(401);
        assertThat(http.send("DELETE", "/api/exchange-keys/does-not-exist", null, "Authorization", owner.bearer())
                .status()).isEqualTo(404);

        Http.Response wrongTypes = http.post("/api/exchange-keys", "{\"exchange\":\"binance\",\"apiKey\":\"ABCDEFGH1234\","
                + "\"apiSecret\":\"abcdefgh\",\"permissions\":[\"READ\"],\"testnet\":\"yes\",\"totpCode\":\"123456\"}",
                "Authorization", owner.bearer());
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.json().at("/error/details/0/field").asText()).isEqualTo("testnet");
        Http.Response withdraw = http.post("/api/exchange-keys", Http.json(Map.of("exchange", "binance",
                "apiKey", "ABCDEFGH1234", "apiSecret", "abcdefgh", "permissions", List.of("WITHDRAW"), "testnet", false,
                "totpCode", twoFactor.recoveryCodes().get(0))), "Authorization", owner.bearer());
        assertThat(withdraw.status()).isEqualTo(400);

        assertThat(http.send("DELETE", "/api/exchange-keys/" + id, null, "Authorization", owner.bearer()).status())
                .isEqualTo(204);
        assertThat(http.get("/api/exchange-keys", "Authorization", owner.bearer()).json().get("items")).isEmpty();
    }
}
