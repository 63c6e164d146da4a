package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.common.Json;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consultant switched to Anthropic by template parameters only ({@code AdvisorLlmProvider},
 * {@code AdvisorLlmBaseUrl}; locally the key comes from the platform's {@code tradebot.advisor.llmApiKey}, on AWS from
 * the Secrets Manager secret): over REST, a narrated answer (after a tool turn that backtests one more change) reaches
 * the client, and when the provider fails the rule-based answer does, without being cached.
 */
class AdvisorLlmE2ETest {
    private static final String KEY = "sk-ant-e2e-test-key";
    private static final WireMockServer anthropic =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        anthropic.start();
        System.setProperty("tradebot.advisor.llmApiKey", KEY);
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000",
                "AdvisorLlmProvider", "anthropic", "AdvisorLlmBaseUrl", anthropic.baseUrl(),
                "AdvisorLlmModel", "claude-sonnet-4-5", "AdvisorNarrationSeconds", "120")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("tradebot.advisor.llmApiKey");
        if (platform != null) {
            platform.close();
        }
        anthropic.stop();
    }

    private static String message(List<Map<String, Object>> content, String stopReason) {
        return Json.write(Map.of("id", "msg_01Aq9w938a90dw8q", "type", "message", "role", "assistant",
                "model", "claude-sonnet-4-5", "content", content, "stop_reason", stopReason,
                "usage", Map.of("input_tokens", 1811, "output_tokens", 97)));
    }

    private static Http.Response ask(Accounts.User user, String question) throws Exception {
        return http.post("/api/advisor/ask", Json.MAPPER.writeValueAsString(Map.of("strategy", "RSI_MACD",
                "direction", "BOTH", "symbol", "BTC/USD", "timeframe", "15m", "question", question)),
                "Authorization", user.bearer());
    }

    @Test
    void theNarratedAnswerReachesTheRestClientAndAProviderErrorFallsBackUncached() throws Exception {
        Accounts.User user = accounts.register("llm-advised", null);
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withRequestBody(notContaining("tool_use_id"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(message(List.of(Map.of("type", "tool_use", "id", "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
                                "name", "run_backtest", "input", Map.of("change", "parameter", "parameter", "rsiPeriod",
                                        "value", 21))), "tool_use"))));
        String text = "Besides the rule-based candidates I tested set rsiPeriod to 21 (from 14); every change is shown "
                + "with its held-out figures beside the original.";
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withRequestBody(containing("tool_use_id"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(message(List.of(Map.of("type", "text", "text", text)), "end_turn"))));

        Http.Response narrated = ask(user, "How can I reduce its drawdown?");
        assertThat(narrated.status()).as(narrated.body()).isEqualTo(200);
        JsonNode answer = narrated.json();
        assertThat(answer.get("narration").asText()).as(answer.toString()).isEqualTo("ANTHROPIC");
        assertThat(answer.get("narrative").asText()).isEqualTo(text);
        assertThat(answer.get("llmCalls").asInt()).isEqualTo(2);
        JsonNode tested = answer.get("suggestions").get(answer.get("suggestions").size() - 1);
        assertThat(tested.get("proposedBy").asText()).isEqualTo("MODEL");
        assertThat(tested.get("change").asText()).isEqualTo("set rsiPeriod to 21 (from 14)");
        assertThat(tested.at("/outOfSample/totalTrades").isInt()).isTrue();
        assertThat(tested.get("originalOutOfSample")).isEqualTo(answer.at("/original/outOfSample"));
        var requests = anthropic.findAll(postRequestedFor(urlEqualTo("/v1/messages")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeaders().toString()).contains(KEY);
        assertThat(Json.readTree(requests.get(0).getBodyAsString()).get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(ask(user, "how can I reduce its drawdown").json().get("cached").asBoolean()).isTrue();

        anthropic.resetAll();
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("retry-after", "30")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")));
        Http.Response fallback = ask(user, "More return please");
        assertThat(fallback.status()).as(fallback.body()).isEqualTo(200);
        assertThat(fallback.json().get("narration").asText()).isEqualTo("RULE_BASED");
        assertThat(fallback.json().get("narrationUnavailable").asText()).isEqualTo("provider error: RateLimitException");
        assertThat(fallback.json().get("suggestions").isArray()).isTrue();
        assertThat(fallback.body()).doesNotContain(KEY).doesNotContain("per-minute rate limit");
        // not cached: asking again computes again and calls the provider again
        Http.Response again = ask(user, "more return, please");
        assertThat(again.json().get("cached").asBoolean()).isFalse();
        assertThat(anthropic.findAll(postRequestedFor(urlEqualTo("/v1/messages")))).hasSize(2);
    }
}
