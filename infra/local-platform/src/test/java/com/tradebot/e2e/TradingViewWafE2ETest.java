package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TradingView sends every user's alerts from a few fixed IPs (issue 15): the template's WAF keeps its deliveries out
 * of the general per-IP rule and gives them a rule of their own, enforced here by the local gateway with the lowest
 * limits the template allows. Bounded loops only.
 */
class TradingViewWafE2ETest {
    private static LocalPlatform platform;
    private static Http http;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "10", "TradingViewWebhookRateLimitPerMinute", "100")));
        http = new Http(platform.restEndpoint());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static int webhook(String path) {
        return http.post(path, "{\"passphrase\":\"x\",\"action\":\"buy\"}").status();
    }

    @Test
    void webhookDeliveriesNeitherCountNorAreBlockedByTheApiRuleAndHaveTheirOwnLimit() {
        // an unknown strategy answers 404, but each request reaches the WAF first; spellings API Gateway routes alike
        for (int i = 1; i <= 30; i++) {
            String path = i % 3 == 0 ? "/webhooks//TradingView/nope-" + i : "/webhooks/tradingview/nope-" + i;
            assertThat(webhook(path)).as("webhook #" + i).isNotEqualTo(429).isGreaterThanOrEqualTo(400);
        }
        // the general rule has seen none of them: its 10 requests are all still there
        for (int i = 1; i <= 10; i++) {
            assertThat(http.get("/health").status()).as("request #" + i).isEqualTo(200);
        }
        Http.Response blocked = http.get("/health");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.errorCode()).isEqualTo("TOO_MANY_REQUESTS");

        // an IP over the general limit still delivers alerts, up to the webhook rule's own limit (100 a minute)
        for (int i = 31; i <= 100; i++) {
            assertThat(webhook("/webhooks/tradingview/nope-" + i)).as("webhook #" + i).isEqualTo(404);
        }
        Http.Response overWebhookLimit = http.post("/webhooks/tradingview/nope-101", "{}");
        assertThat(overWebhookLimit.status()).isEqualTo(429);
        assertThat(overWebhookLimit.header("Retry-After")).contains("60");
    }
}
