package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "short1A|at least 10",
            "abcdefghijkl|two of",
            "ABCDEFGHIJKL|two of",
            "123456789012|two of",
            "!!!!!!!!!!!!|two of",
    })
    void refusesWeakPasswordsWithTheReason(String password, String reason) {
        assertThat(PasswordPolicy.problem(password)).hasValueSatisfying(p -> assertThat(p).contains(reason.trim()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse 1", "abcdefghij1", "Abcdefghijk", "пароль-надёжный"})
    void acceptsLongMixedPasswords(String password) {
        assertThat(PasswordPolicy.problem(password)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongPasswords() {
        assertThat(PasswordPolicy.problem("a1".repeat(64))).isEmpty();
        assertThat(PasswordPolicy.problem("a1".repeat(65))).hasValueSatisfying(p -> assertThat(p).contains("128"));
        assertThat(PasswordPolicy.problem(null)).contains("is required");
    }
}
