package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleBackoffTest {
    @Test
    void doublesFromThirtySecondsUpToFifteenMinutes() {
        assertThat(LoginThrottle.backoff(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginThrottle.backoff(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoginThrottle.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(LoginThrottle.backoff(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginThrottle.backoff(1_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
