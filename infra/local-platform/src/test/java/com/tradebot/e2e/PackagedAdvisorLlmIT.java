package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with the consultant switched to OpenAI the way the README shows (the key in the platform's
 * environment, {@code --parameter AdvisorLlmProvider=openai} and a base URL pointing at a WireMock Chat Completions
 * stub): the narrated answer reaches the REST client, so openai-java and its runtime dependencies are in the
 * artifact, and the key never shows in the platform's output.
 */
class PackagedAdvisorLlmIT {
    private static final String KEY = "sk-proj-packaged-smoke-key-5e1b";
    private final Path repository = Path.of(System.getProperty("tradebot.repository", "../..")).toAbsolutePath()
            .normalize();
    private final Path jar = Path.of(System.getProperty("tradebot.localJar", "target/tradebot-local.jar"))
            .toAbsolutePath().normalize();

    @Test
    void theConsultantNarratesThroughOpenAiFromThePackagedJar() throws Exception {
        WireMockServer openAi = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        openAi.start();
        String text = "Every change listed was backtested; compare its held-out figures with the original's.";
        openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(Http.json(Map.of("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object", "chat.completion",
                        "created", 1741569952, "model", "gpt-4.1-mini", "choices", List.of(Map.of("index", 0,
                                "message", Map.of("role", "assistant", "content", text), "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", 1117, "completion_tokens", 20, "total_tokens", 1137))))));
        PlatformProcess platform = null;
        try {
            platform = PlatformProcess.start(repository, jar, Duration.ofSeconds(180),
                    List.of("--parameter", "AdvisorLlmProvider=openai",
                            "--parameter", "AdvisorLlmBaseUrl=" + openAi.baseUrl() + "/v1"),
                    Map.of("TRADEBOT_ADVISOR_LLM_API_KEY", KEY));
            Http http = new Http(platform.endpoint("REST"));
            String token = http.post("/api/auth/register", Http.json(Map.of("email",
                    Accounts.uniqueEmail("smoke-llm"), "password", "Smoke-test-pass-9", "name", "Llm")))
                    .json().get("accessToken").asText();
            Http.Response answer = http.post("/api/advisor/ask", "{\"strategy\":\"RSI_MACD\",\"direction\":\"BOTH\","
                    + "\"question\":\"How can I reduce the drawdown?\"}", "Authorization", Http.bearer(token));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode json = answer.json();
            assertThat(json.get("narration").asText()).as(json.toString()).isEqualTo("OPENAI");
            assertThat(json.get("narrative").asText()).isEqualTo(text);
            var calls = openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        } finally {
            if (platform != null) {
                platform.stop();
                assertThat(platform.output()).as("the key in the platform's output").doesNotContain(KEY);
            }
            openAi.stop();
        }
    }
}
