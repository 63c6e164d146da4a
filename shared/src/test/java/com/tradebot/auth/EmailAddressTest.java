package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @Test
    void normalisesCaseAndSurroundingSpace() {
        assertThat(EmailAddress.normalise("  Alice.Smith+tb@Example.COM ")).contains("alice.smith+tb@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.com", "a b@c.com", "a@-x.com", "a..b@c.com", "<a@b.com>",
            "a@b.com\nBcc: x@y.com"})
    void refusesImplausibleAddresses(String raw) {
        assertThat(EmailAddress.normalise(raw)).isEmpty();
    }

    @Test
    void refusesOverlongAddresses() {
        assertThat(EmailAddress.normalise("a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "."
                + "d".repeat(63) + ".com")).isEmpty();
    }
}
