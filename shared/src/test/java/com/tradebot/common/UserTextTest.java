package com.tradebot.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {
    @Test
    void plainTextInAnyScriptIsFine() {
        assertThat(UserText.problem("Zoë Ödegaard 张伟 🚀")).isEmpty();
        assertThat(UserText.multilineProblem("line one\nline\ttwo")).isEmpty();
    }

    @Test
    void controlFormatBidiAndLoneSurrogatesAreNot() {
        for (String bad : new String[] {"a\u0000b", "x\u202Ey", "x\u2066y", "zero\u200Bwidth", "x\ud800y", "\udc00",
                "tab\there", "new\nline"}) {
            assertThat(UserText.problem(bad)).as(bad).isPresent();
        }
        assertThat(UserText.multilineProblem("x\u202Ey")).isPresent();
        assertThat(UserText.illFormedUtf16("🚀")).isFalse();
        assertThat(UserText.illFormedUtf16("\ud83d")).isTrue();
    }

    @Test
    void freeFormMapsAreWalkedKeysValuesAndNestedLists() {
        assertThat(UserText.problemIn(java.util.Map.of("rsi", 30, "note", "fine", "levels", java.util.List.of(1, "ok"))))
                .isEmpty();
        assertThat(UserText.problemIn(java.util.Map.of("x\u202Ey", 1))).isPresent();
        assertThat(UserText.problemIn(java.util.Map.of("a", java.util.Map.of("b", java.util.List.of("c\u0000")))))
                .isPresent();
    }
}
