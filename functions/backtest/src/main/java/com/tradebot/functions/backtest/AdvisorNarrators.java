package com.tradebot.functions.backtest;

import com.tradebot.backtest.advisor.AdviceNarrator;
import com.tradebot.backtest.advisor.NarrationSession;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.crypto.LocalSecretsDirectory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Picks the consultant's narrator from the function's configuration (template.yaml parameters
 * {@code AdvisorLlm*}), once per cold start: {@code ADVISOR_LLM_PROVIDER} none|anthropic|openai, model, base URL, and
 * the API key read from the Secrets Manager secret named by {@code ADVISOR_LLM_SECRET_ID} (the key is never in the
 * environment). On the local platform, which has no Secrets Manager, the key comes from the system property
 * {@value #LOCAL_KEY_PROPERTY} or the variable {@value #LOCAL_KEY_VARIABLE} of the platform's process, so a test or
 * a developer can point the packaged platform at a stub or at the real API.
 */
final class AdvisorNarrators {
    static final String LOCAL_KEY_PROPERTY = "tradebot.advisor.llmApiKey";
    static final String LOCAL_KEY_VARIABLE = "TRADEBOT_ADVISOR_LLM_API_KEY";
    static final Map<String, String> DEFAULT_MODELS = Map.of("anthropic", "claude-sonnet-4-5", "openai", "gpt-4.1-mini");
    private static final Logger LOG = LogManager.getLogger(AdvisorNarrators.class);

    private AdvisorNarrators() {
    }

    /** Null for {@code none}: the rule-based advisor alone. */
    static AdviceNarrator fromEnvironment() {
        // every variable is read up front, so FunctionEnvironmentTest sees what the function needs on AWS too
        String provider = Env.get("ADVISOR_LLM_PROVIDER", "none").trim().toLowerCase(Locale.ROOT);
        Optional<String> model = Env.find("ADVISOR_LLM_MODEL");
        String baseUrl = Env.find("ADVISOR_LLM_BASE_URL").orElse(null);
        Optional<String> secretId = Env.find("ADVISOR_LLM_SECRET_ID");
        boolean local = Env.find(LocalSecretsDirectory.VARIABLE).isPresent();
        if (provider.equals("none")) {
            return null;
        }
        if (!DEFAULT_MODELS.containsKey(provider)) {
            return unavailable(provider, "unknown provider");
        }
        Optional<String> key;
        try {
            key = local ? Optional.ofNullable(System.getProperty(LOCAL_KEY_PROPERTY)).filter(k -> !k.isBlank())
                    .or(() -> Env.find(LOCAL_KEY_VARIABLE))
                    : secretId.map(id -> AwsClients.secretsManager().getSecretValue(b -> b.secretId(id)).secretString());
        } catch (SdkException e) {
            LOG.error("Advisor LLM key secret could not be read ({}); answers stay rule-based", e.getClass().getSimpleName());
            return unavailable(provider, "API key could not be read");
        }
        if (key.isEmpty() || key.get().isBlank()) {
            LOG.warn("Advisor LLM provider {} has no API key ({}); answers stay rule-based", provider,
                    local ? LOCAL_KEY_PROPERTY + " / " + LOCAL_KEY_VARIABLE : "AdvisorLlmApiKeySecretArn");
            return unavailable(provider, "no API key configured");
        }
        String m = model.orElse(DEFAULT_MODELS.get(provider));
        String apiKey = key.get().trim();
        return provider.equals("anthropic") ? AnthropicNarrator.create(apiKey, baseUrl, m)
                : OpenAiNarrator.create(apiKey, baseUrl, m);
    }

    /** A misconfigured provider shows why in every answer (not cached) instead of failing the function. */
    private static AdviceNarrator unavailable(String provider, String why) {
        String name = provider.toUpperCase(Locale.ROOT);
        return new AdviceNarrator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Narration narrate(String question, Map<String, Object> answer, NarrationSession session) {
                return Narration.unavailable("provider " + provider + " not available: " + why);
            }
        };
    }
}
