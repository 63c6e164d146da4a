package com.tradebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CursorsTest {
    private static final Map<String, String> FIXED = Map.of("GSI1PK", "USERS", "SK", "PROFILE");
    private static final Set<String> VARIABLE = Set.of("PK", "GSI1SK");

    @Test
    void aLastEvaluatedKeyRoundTrips() {
        var key = Map.of("PK", Attr.s("USER#1"), "SK", Attr.s("PROFILE"), "GSI1PK", Attr.s("USERS"),
                "GSI1SK", Attr.s("2026-01-01T00:00:00Z#1"));
        assertThat(Cursors.decode(Cursors.encode(key), FIXED, VARIABLE)).isEqualTo(key);
    }

    @Test
    void craftedOrForeignCursorsAreInvalid() {
        String otherPartition = Cursors.encode(Map.of("PK", Attr.s("USER#1"), "SK", Attr.s("PROFILE"),
                "GSI1PK", Attr.s("USERXKEYS#victim"), "GSI1SK", Attr.s("x")));
        String missingKey = Cursors.encode(Map.of("PK", Attr.s("USER#1"), "SK", Attr.s("PROFILE"),
                "GSI1PK", Attr.s("USERS")));
        String notJson = Base64.getUrlEncoder().encodeToString("USER#1\nPROFILE".getBytes(StandardCharsets.UTF_8));
        for (String cursor : new String[] {otherPartition, missingKey, notJson, "%%%", "e30", "x".repeat(5000)}) {
            assertThatThrownBy(() -> Cursors.decode(cursor, FIXED, VARIABLE)).isInstanceOf(InvalidCursorException.class);
        }
    }
}
