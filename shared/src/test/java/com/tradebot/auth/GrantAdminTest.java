package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;

class GrantAdminTest {
    @Test
    void promotesAnExistingAccountFoundByEmail() {
        AuthFixture fixture = new AuthFixture();
        AuthSession user = fixture.register("boss@example.com", null);
        assertThat(GrantAdmin.grant(LocalDynamoDb.client(), fixture.table, " BOSS@example.com")).isEqualTo(user.user().id());
        assertThat(fixture.auth.users().findById(user.user().id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(fixture.auth.sessions().refresh(user.refreshToken()).user().role()).isEqualTo("ADMIN");
        assertThatThrownBy(() -> GrantAdmin.grant(LocalDynamoDb.client(), fixture.table, "nobody@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
