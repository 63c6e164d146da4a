package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void storesArgon2idWithOwaspParametersAndARandomSalt() {
        String first = HASHER.hash("correct horse 1");
        String second = HASHER.hash("correct horse 1");
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(HASHER.matches("correct horse 1", first)).isTrue();
        assertThat(HASHER.matches("correct horse 2", first)).isFalse();
        assertThat(HASHER.matches("", first)).isFalse();
        assertThat(HASHER.matches("correct horse 1", "not-a-hash")).isFalse();
    }

    @Test
    void verifiesAHashOfTheReferenceImplementation() {
        // argon2 CLI 20190702: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 (m=65536 KiB)
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(HASHER.matches("password", reference)).isTrue();
        assertThat(HASHER.matches("passwore", reference)).isFalse();
    }

    @Test
    void refusesParametersBelowTheBaselineAndMemoryBombs() {
        assertThatThrownBy(() -> new PasswordHasher(new PasswordHasher.Cost(4096, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HASHER.matches("password", "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"))
                .isFalse();
    }
}
