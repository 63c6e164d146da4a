package com.tradebot.functions.backtest;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.tradebot.backtest.advisor.AdviceNarrator;
import com.tradebot.backtest.advisor.AdvisorTools;
import com.tradebot.backtest.advisor.NarrationCheck;
import com.tradebot.backtest.advisor.NarrationSession;
import com.tradebot.common.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Narration by OpenAI's Chat Completions API (openai-java): the same prompt, tools, limits and {@link NarrationCheck}
 * as {@link AnthropicNarrator}. Tool calls arrive as {@code tool_calls} of the assistant message; each gets a
 * {@code role: tool} message with our result; only function calls to {@link AdvisorTools}' allowlist run anything.
 */
public final class OpenAiNarrator implements AdviceNarrator {
    private final OpenAIClient client;
    private final String model;

    public OpenAiNarrator(OpenAIClient client, String model) {
        this.client = client;
        this.model = model;
    }

    /** No retries of its own (the advisor falls back instead); a timeout inside API Gateway's. */
    public static OpenAiNarrator create(String apiKey, String baseUrl, String model) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(8));
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return new OpenAiNarrator(builder.build(), model);
    }

    @Override
    public String name() {
        return "OPENAI";
    }

    @Override
    public Narration narrate(String question, Map<String, Object> answer, NarrationSession session) {
        Optional<AdvisorTools> tools = session.tools();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(model)
                .maxCompletionTokens(NarrationPrompt.MAX_TOKENS)
                .addSystemMessage(NarrationPrompt.system(tools.isPresent()))
                .addUserMessage(NarrationPrompt.data(question, answer));
        tools.ifPresent(t -> t.specs().forEach(spec -> params.addTool(tool(spec))));
        try {
            while (true) {
                Optional<String> stop = session.nextCall();
                if (stop.isPresent()) {
                    return Narration.unavailable(stop.get());
                }
                if (tools.isPresent() && session.lastCall()) {
                    params.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE);
                }
                ChatCompletion completion = client.chat().completions().create(params.build());
                if (completion.choices().isEmpty()) {
                    return Narration.unavailable("provider error: no choices");
                }
                ChatCompletionMessage message = completion.choices().get(0).message();
                List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
                if (calls.isEmpty()) {
                    if (message.refusal().isPresent()) {
                        return Narration.refused("refused: the model declined");
                    }
                    String text = message.content().orElse("").trim();
                    return NarrationCheck.problem(text, answer).map(p -> Narration.refused("refused: " + p))
                            .orElseGet(() -> Narration.accepted(text));
                }
                params.addMessage(message); // the assistant turn with its tool_calls, then one tool message each
                for (ChatCompletionMessageToolCall call : calls) {
                    String id = call.function().map(ChatCompletionMessageFunctionToolCall::id)
                            .orElseGet(() -> call.custom().map(c -> c.id()).orElse("unknown"));
                    AdvisorTools.Result r = call.function().isPresent() && tools.isPresent()
                            ? tools.get().call(call.asFunction().function().name(), arguments(call.asFunction()))
                            : new AdvisorTools.Result("{\"error\":\"only the offered functions exist\"}", true);
                    params.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content(r.content())
                            .build());
                }
            }
        } catch (OpenAIException e) {
            // the provider's status only: its message could echo request content
            return Narration.unavailable("provider error: " + e.getClass().getSimpleName());
        }
    }

    /** The model's arguments are a JSON string; anything unreadable is refused by AdvisorTools as not an object. */
    private static Object arguments(ChatCompletionMessageFunctionToolCall call) {
        try {
            return Json.MAPPER.readValue(call.function().arguments(), Object.class);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static ChatCompletionFunctionTool tool(AdvisorTools.Spec spec) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        spec.inputSchema().forEach((k, v) -> parameters.putAdditionalProperty(k, JsonValue.from(v)));
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(spec.name())
                .description(spec.description()).parameters(parameters.build()).build()).build();
    }
}
