package com.tradebot.functions.backtest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.backtest.advisor.AdviceNarrator;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration switch: provider, model and base URL from the environment the template sets, the key from the
 * Secrets Manager secret named by {@code ADVISOR_LLM_SECRET_ID} (the real AWS SDK client against a WireMock stub of
 * GetSecretValue, shapes from the Secrets Manager API reference), or on the local platform from its system property.
 */
class AdvisorNarratorsTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tradebot/advisor-llm-a1b2c3";
    private final WireMockServer wireMock = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void credentials() {
        // the SDK signs requests; the stub does not check signatures
        if (System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    @BeforeEach
    void start() {
        wireMock.start();
    }

    @AfterEach
    void stop() {
        wireMock.stop();
        System.clearProperty(AdvisorNarrators.LOCAL_KEY_PROPERTY);
    }

    private AdviceNarrator build(Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(variables);
        env.put("AWS_REGION", "us-east-1");
        env.put("TRADEBOT_SECRETSMANAGER_ENDPOINT", wireMock.baseUrl());
        return Env.withOverrides(env, AdvisorNarrators::fromEnvironment);
    }

    private void messagesApiSays(String text) {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(Map.of("id", "msg_013Zva2CMHLNnXjNJJKqJ2EF", "type", "message",
                        "role", "assistant", "model", "claude-haiku-4-5", "content",
                        List.of(Map.of("type", "text", "text", text)), "stop_reason", "end_turn",
                        "usage", Map.of("input_tokens", 10, "output_tokens", 5))))));
    }

    @Test
    void noneMeansTheRuleBasedAdvisorAloneAndNoSecretIsRead() throws Exception {
        assertThat(build(Map.of("ADVISOR_LLM_PROVIDER", "none", "ADVISOR_LLM_SECRET_ID", ARN))).isNull();
        assertThat(build(Map.of())).isNull();
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void onAwsTheKeyIsReadOnceFromTheSecretAndUsedWithTheConfiguredModelAndBaseUrl() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(Json.write(Map.of("ARN", ARN, "Name", "tradebot/advisor-llm",
                                "SecretString", "sk-ant-from-secrets-manager\n", "VersionId",
                                "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1", "VersionStages", List.of("AWSCURRENT"),
                                "CreatedDate", 1.523477145713E9)))));
        AdviceNarrator narrator = build(Map.of("ADVISOR_LLM_PROVIDER", "anthropic", "ADVISOR_LLM_SECRET_ID", ARN,
                "ADVISOR_LLM_MODEL", "claude-haiku-4-5", "ADVISOR_LLM_BASE_URL", wireMock.baseUrl()));
        assertThat(narrator).isInstanceOf(AnthropicNarrator.class);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}")));

        messagesApiSays("No change was tested.");
        assertThat(narrator.narrate("q", Map.of("suggestions", List.of())).text()).isEqualTo("No change was tested.");
        var call = wireMock.findAll(postRequestedFor(urlEqualTo("/v1/messages"))).get(0);
        assertThat(call.getHeaders().toString()).contains("sk-ant-from-secrets-manager");
        assertThat(Json.readTree(call.getBodyAsString()).get("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void anUnreadableSecretOrAMissingKeyLeavesRuleBasedAnswersThatSayWhy() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\","
                        + "\"Message\":\"Secrets Manager can't find the specified secret.\"}")));
        AdviceNarrator unreadable = build(Map.of("ADVISOR_LLM_PROVIDER", "openai", "ADVISOR_LLM_SECRET_ID", ARN));
        AdviceNarrator.Narration n = unreadable.narrate("q", Map.of());
        assertThat(n.text()).isNull();
        assertThat(n.problem()).isEqualTo("provider openai not available: API key could not be read");
        assertThat(n.cacheable()).isFalse();

        AdviceNarrator keyless = build(Map.of("ADVISOR_LLM_PROVIDER", "anthropic"));
        assertThat(keyless.narrate("q", Map.of()).problem()).endsWith("no API key configured");
    }

    @Test
    void onTheLocalPlatformTheKeyComesFromItsSystemPropertyNotFromSecretsManager() throws Exception {
        System.setProperty(AdvisorNarrators.LOCAL_KEY_PROPERTY, "sk-proj-local");
        AdviceNarrator narrator = build(Map.of("ADVISOR_LLM_PROVIDER", "openai", "ADVISOR_LLM_SECRET_ID", "",
                "ADVISOR_LLM_BASE_URL", wireMock.baseUrl() + "/v1", "TRADEBOT_LOCAL_SECRETS_DIR", "/nonexistent"));
        assertThat(narrator).isInstanceOf(OpenAiNarrator.class);
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,"
                        + "\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"No change was tested.\",\"refusal\":null},\"finish_reason\":\"stop\"}]}")));
        assertThat(narrator.narrate("q", Map.of("suggestions", List.of())).text()).isEqualTo("No change was tested.");
        var call = wireMock.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk-proj-local");
        assertThat(Json.readTree(call.getBodyAsString()).get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
    }
}
