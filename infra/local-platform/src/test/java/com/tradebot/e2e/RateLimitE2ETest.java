package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's own WAF limits (no overrides), enforced by the local gateway: 20 logins, 10 registrations and 100
 * requests in all per client IP per minute, then 429 with Retry-After and a JSON error. Bounded loops only.
 */
class RateLimitE2ETest {
    private static LocalPlatform platform;
    private static Http http;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()));
        http = new Http(platform.restEndpoint());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static void assertBlockedByWaf(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Retry-After")).contains("60");
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.errorCode()).isEqualTo("TOO_MANY_REQUESTS");
    }

    @Test
    void loginThenRegisterThenEverythingIsLimitedPerIp() {
        // empty bodies are refused by the handler (400) but still count: the WAF sits in front of the API
        for (int i = 1; i <= 20; i++) {
            assertThat(http.post("/api/auth/login", "{}").status()).as("login #" + i).isEqualTo(400);
        }
        assertBlockedByWaf(http.post("/api/auth/login", "{}"));

        for (int i = 1; i <= 10; i++) {
            assertThat(http.post("/api/auth/register", "{}").status()).as("register #" + i).isEqualTo(400);
        }
        assertBlockedByWaf(http.post("/api/auth/register", "{}"));

        // 30 requests so far reached the API-wide rule (blocked ones stop at the first rule): 70 more are allowed
        for (int i = 31; i <= 100; i++) {
            assertThat(http.get("/api/auth/me").status()).as("request #" + i).isEqualTo(401);
        }
        assertBlockedByWaf(http.get("/api/auth/me"));
        assertBlockedByWaf(http.get("/health"));
    }
}
