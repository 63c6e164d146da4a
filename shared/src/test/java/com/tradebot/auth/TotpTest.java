package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:10Z"));
    private final Totp totp = new Totp(clock);

    @Test
    void rfc6238ReferenceCodeMatchesAtItsTimeStep() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" at T=59 s: 94287082 (8 digits) -> 287082
        String base32Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        Totp atFiftyNine = new Totp(new MutableClock(Instant.ofEpochSecond(59)));
        assertThat(atFiftyNine.matchingStep(base32Secret, "287082")).hasValue(1);
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        String secret = totp.newSecret();
        String code = totp.currentCode(secret);
        long step = clock.instant().getEpochSecond() / Totp.PERIOD_SECONDS;
        assertThat(totp.matchingStep(secret, code)).hasValue(step);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.matchingStep(secret, code)).hasValue(step);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.matchingStep(secret, code)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        String secret = totp.newSecret();
        assertThat(totp.matchingStep(secret, "12345")).isEmpty();
        assertThat(totp.matchingStep(secret, "abcdef")).isEmpty();
        assertThat(totp.matchingStep(secret, null)).isEmpty();
    }

    @Test
    void otpauthUrlNamesIssuerAccountAndSecret() {
        String url = totp.otpauthUrl("JBSWY3DPEHPK3PXP", "alice@example.com");
        assertThat(url).startsWith("otpauth://totp/").contains("secret=JBSWY3DPEHPK3PXP").contains("issuer=TradeBot")
                .contains("alice%40example.com");
    }

    @Test
    void recoveryCodesAreTenDistinctAndHashInsensitiveToCaseAndDashes() {
        var codes = totp.newRecoveryCodes();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        String code = codes.get(0);
        assertThat(Totp.hashRecoveryCode(code.toUpperCase())).isEqualTo(Totp.hashRecoveryCode(code.replace("-", "")));
    }
}
