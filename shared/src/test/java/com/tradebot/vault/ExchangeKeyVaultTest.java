package com.tradebot.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.auth.AuthFixture;
import com.tradebot.auth.AuthSession;
import com.tradebot.common.ApiException;
import com.tradebot.testing.LocalDynamoDb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The vault against the real engine: 2FA gate, masking, ownership and the binding of ciphertexts to their owner. */
class ExchangeKeyVaultTest {
    private static final String API_KEY = "AKIAEXAMPLEKEY0001234";
    private static final String API_SECRET = "sup3r-s3cret-exchange-value-XYZ";

    private final AuthFixture fixture = new AuthFixture();
    private final ExchangeKeyRepository repository = new ExchangeKeyRepository(LocalDynamoDb.client(), fixture.table);
    private final ExchangeKeyVault vault = new ExchangeKeyVault(repository, fixture.auth.aead(),
            fixture.auth.secondFactor(), fixture.clock);

    private static ApiException apiError(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private ExchangeKeyVault.NewKey newKey(String code) {
        return new ExchangeKeyVault.NewKey("Binance", API_KEY, API_SECRET, null, List.of("read", "TRADE"), true, code);
    }

    @Test
    void savingNeedsTwoFactorAndAValidCode() {
        AuthSession user = fixture.register("alice@example.com", null);
        String userId = user.user().id();
        ApiException noTwoFactor = apiError(() -> vault.save(userId, newKey("123456")));
        assertThat(noTwoFactor.status()).isEqualTo(403);
        assertThat(noTwoFactor.code()).isEqualTo("TOTP_REQUIRED");

        String secret = fixture.enableTwoFactor(userId);
        assertThat(apiError(() -> vault.save(userId, newKey("000000"))).status()).isEqualTo(401);
        assertThat(vault.list(userId)).isEmpty();

        ExchangeKey saved = vault.save(userId, newKey(fixture.nextCode(secret)));
        assertThat(saved.exchange()).isEqualTo("binance");
        assertThat(saved.maskedKey()).isEqualTo("****1234");
        assertThat(saved.permissions()).containsExactly("READ", "TRADE");
        assertThat(vault.list(userId)).extracting(ExchangeKey::id).containsExactly(saved.id());

        ExchangeCredentials credentials = vault.credentials(userId, saved.id());
        assertThat(credentials.apiKey()).isEqualTo(API_KEY);
        assertThat(credentials.apiSecret()).isEqualTo(API_SECRET);
        assertThat(credentials.toString()).doesNotContain(API_SECRET).doesNotContain(API_KEY);
    }

    @Test
    void theStoredItemHoldsNoSecretInClear() {
        AuthSession user = fixture.register("bob@example.com", null);
        String secret = fixture.enableTwoFactor(user.user().id());
        ExchangeKey saved = vault.save(user.user().id(), newKey(fixture.nextCode(secret)));
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(b -> b.tableName(fixture.table)
                .key(Map.of("PK", AttributeValue.fromS("XKEY#" + saved.id()), "SK", AttributeValue.fromS("KEY")))).item();
        String everything = item.toString() + new String(item.get("ciphertext").b().asByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(everything).doesNotContain(API_SECRET).doesNotContain(API_KEY);
    }

    @Test
    void anotherUsersKeyIsForbiddenAndACopiedCiphertextDoesNotDecrypt() {
        AuthSession owner = fixture.register("carol@example.com", null);
        AuthSession thief = fixture.register("mallory@example.com", null);
        String ownerSecret = fixture.enableTwoFactor(owner.user().id());
        String thiefSecret = fixture.enableTwoFactor(thief.user().id());
        ExchangeKey ownerKey = vault.save(owner.user().id(), newKey(fixture.nextCode(ownerSecret)));

        assertThat(apiError(() -> vault.delete(thief.user().id(), ownerKey.id())).status()).isEqualTo(403);
        assertThat(apiError(() -> vault.credentials(thief.user().id(), ownerKey.id())).status()).isEqualTo(403);
        assertThat(vault.list(thief.user().id())).isEmpty();

        // a thief with table access copies the owner's ciphertext into a row of their own: it must not decrypt
        ExchangeKey thiefKey = vault.save(thief.user().id(), newKey(fixture.nextCode(thiefSecret)));
        byte[] stolen = repository.find(ownerKey.id()).orElseThrow().ciphertext();
        LocalDynamoDb.client().updateItem(b -> b.tableName(fixture.table)
                .key(Map.of("PK", AttributeValue.fromS("XKEY#" + thiefKey.id()), "SK", AttributeValue.fromS("KEY")))
                .updateExpression("SET ciphertext = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromB(SdkBytes.fromByteArray(stolen)))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.credentials(thief.user().id(), thiefKey.id()))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(API_SECRET);

        vault.delete(owner.user().id(), ownerKey.id());
        assertThat(vault.list(owner.user().id())).isEmpty();
        assertThat(apiError(() -> vault.delete(owner.user().id(), ownerKey.id())).status()).isEqualTo(404);
    }

    @Test
    void refusesBadInputWithFieldDetailsAndWithdrawalKeys() {
        AuthSession user = fixture.register("dave@example.com", null);
        ApiException bad = apiError(() -> vault.save(user.user().id(), new ExchangeKeyVault.NewKey("ftx", "short",
                null, "x".repeat(200), List.of("WITHDRAW"), null, null)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.details()).extracting(ApiException.FieldError::field).containsExactlyInAnyOrder(
                "exchange", "apiKey", "apiSecret", "passphrase", "permissions", "testnet", "totpCode");
        assertThat(bad.getMessage()).doesNotContain("x".repeat(20));
    }

    @Test
    void keysCarryMarketsAndRightsAndAnOrderMayUseOnlyThose() {
        AuthSession user = fixture.register("erin@example.com", null);
        String userId = user.user().id();
        String secret = fixture.enableTwoFactor(userId);
        ExchangeKey both = vault.save(userId, new ExchangeKeyVault.NewKey("bybit", API_KEY, API_SECRET, null,
                List.of("READ", "TRADE"), false, fixture.nextCode(secret), List.of("Spot", "futures")));
        assertThat(both.markets()).containsExactly("spot", "futures");
        assertThat(vault.list(userId)).singleElement().satisfies(k -> assertThat(k.markets()).containsExactly("spot", "futures"));
        assertThat(vault.credentialsFor(userId, both.id(), "futures", "TRADE").apiSecret()).isEqualTo(API_SECRET);

        ExchangeKey readOnlySpot = vault.save(userId, new ExchangeKeyVault.NewKey("binance", API_KEY, API_SECRET, null,
                List.of("READ"), false, fixture.nextCode(secret), List.of("spot")));
        assertThat(vault.credentialsFor(userId, readOnlySpot.id(), "spot", "READ").apiKey()).isEqualTo(API_KEY);
        ApiException noTrade = apiError(() -> vault.credentialsFor(userId, readOnlySpot.id(), "spot", "TRADE"));
        assertThat(noTrade.status()).isEqualTo(403);
        assertThat(noTrade.code()).isEqualTo("KEY_NOT_PERMITTED");
        assertThat(apiError(() -> vault.credentialsFor(userId, readOnlySpot.id(), "futures", "READ")).code())
                .isEqualTo("KEY_NOT_PERMITTED");

        ApiException badMarkets = apiError(() -> vault.save(userId, new ExchangeKeyVault.NewKey("binance", API_KEY,
                API_SECRET, null, List.of("READ"), false, "123456", List.of("margin"))));
        assertThat(badMarkets.details()).extracting(ApiException.FieldError::field).containsExactly("markets");
        assertThat(apiError(() -> vault.save(userId, new ExchangeKeyVault.NewKey("binance", API_KEY, API_SECRET, null,
                List.of("READ"), false, "123456", List.of()))).details())
                .extracting(ApiException.FieldError::field).containsExactly("markets");
    }

    @Test
    void aKeyStoredBeforeMarketsExistedStaysReadableAsSpotOnly() {
        AuthSession user = fixture.register("frank@example.com", null);
        String userId = user.user().id();
        String secret = fixture.enableTwoFactor(userId);
        ExchangeKey saved = vault.save(userId, newKey(fixture.nextCode(secret)));
        assertThat(saved.markets()).containsExactly("spot"); // a request without markets means spot
        LocalDynamoDb.client().updateItem(b -> b.tableName(fixture.table)
                .key(Map.of("PK", AttributeValue.fromS("XKEY#" + saved.id()), "SK", AttributeValue.fromS("KEY")))
                .updateExpression("REMOVE markets"));
        ExchangeKey legacy = vault.list(userId).get(0);
        assertThat(legacy.markets()).containsExactly("spot");
        assertThat(legacy.permissions()).containsExactly("READ", "TRADE");
        assertThat(vault.credentialsFor(userId, saved.id(), "spot", "TRADE").apiSecret()).isEqualTo(API_SECRET);
        assertThat(apiError(() -> vault.credentialsFor(userId, saved.id(), "futures", "TRADE")).status()).isEqualTo(403);
    }
}
