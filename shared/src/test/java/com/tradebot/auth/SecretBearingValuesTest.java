package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.vault.ExchangeCredentials;
import com.tradebot.vault.ExchangeKeyVault;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values that hold secrets print without them, so an accidental log line leaks nothing. */
class SecretBearingValuesTest {
    @Test
    void toStringHidesEverySecret() {
        User user = new User("u1", "a@example.com", "A", Role.USER, "$argon2id$hash-value", false,
                new byte[] {1, 2, 3}, true, Set.of("recovery-hash"), Instant.EPOCH);
        assertThat(user.toString()).doesNotContain("argon2id").doesNotContain("recovery-hash");
        AuthSession session = new AuthSession(user.view(), "access.token.value", 900, "refresh-token-value", Instant.EPOCH);
        assertThat(session.toString()).doesNotContain("access.token.value").doesNotContain("refresh-token-value");
        assertThat(new SecondFactor.Setup("TOTPSECRETVALUE", "otpauth://x?secret=TOTPSECRETVALUE").toString())
                .doesNotContain("TOTPSECRETVALUE");
        assertThat(new Accounts.Registration("a@example.com", "Pass-word-123", "A", null).toString()).doesNotContain("Pass-word-123");
        assertThat(new Accounts.Login("a@example.com", "Pass-word-123", "123456").toString())
                .doesNotContain("Pass-word-123").doesNotContain("123456");
        assertThat(new ExchangeKeyVault.NewKey("binance", "APIKEY12345678", "API-SECRET-1", "PASS-1", List.of("READ"), true,
                "123456").toString()).doesNotContain("APIKEY12345678").doesNotContain("API-SECRET-1").doesNotContain("PASS-1");
        assertThat(new ExchangeCredentials("binance", "APIKEY12345678", "API-SECRET-1", "PASS-1", false).toString())
                .doesNotContain("APIKEY12345678").doesNotContain("API-SECRET-1").doesNotContain("PASS-1").contains("****5678");
    }
}
