package com.tradebot.functions.backtest;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceNone;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.tradebot.backtest.advisor.AdviceNarrator;
import com.tradebot.backtest.advisor.AdvisorTools;
import com.tradebot.backtest.advisor.NarrationCheck;
import com.tradebot.backtest.advisor.NarrationSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Narration by Anthropic's Messages API (an adapter at the edge: only this function's jar carries the SDK). The model
 * sees the backtested answer as data and the user's question as quoted text. With tools it may ask for
 * {@link AdvisorTools}' read-only backtest functions ({@code tool_use} → our {@code tool_result}), within the
 * session's turn and daily-call limits; the last allowed turn forbids tools ({@code tool_choice: none}). Its final
 * text is checked by {@link NarrationCheck} against the answer including any change it tested; any failure (HTTP
 * error, rate limit, refused text, limits) leaves the rule-based summary.
 */
public final class AnthropicNarrator implements AdviceNarrator {
    static final String SYSTEM = NarrationPrompt.SYSTEM;

    private final AnthropicClient client;
    private final String model;

    public AnthropicNarrator(AnthropicClient client, String model) {
        this.client = client;
        this.model = model;
    }

    /** A client with no retries of its own (the advisor falls back instead) and a timeout inside API Gateway's. */
    public static AnthropicNarrator create(String apiKey, String baseUrl, String model) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder().apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(8));
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return new AnthropicNarrator(builder.build(), model);
    }

    @Override
    public String name() {
        return "ANTHROPIC";
    }

    @Override
    public Narration narrate(String question, Map<String, Object> answer, NarrationSession session) {
        Optional<AdvisorTools> tools = session.tools();
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(model)
                .maxTokens(NarrationPrompt.MAX_TOKENS)
                .system(NarrationPrompt.system(tools.isPresent()))
                .addUserMessage(NarrationPrompt.data(question, answer));
        tools.ifPresent(t -> t.specs().forEach(spec -> params.addTool(tool(spec))));
        try {
            while (true) {
                Optional<String> stop = session.nextCall();
                if (stop.isPresent()) {
                    return Narration.unavailable(stop.get());
                }
                if (tools.isPresent() && session.lastCall()) {
                    params.toolChoice(ToolChoiceNone.builder().build());
                }
                Message message = client.messages().create(params.build());
                List<ToolUseBlock> uses = message.content().stream().map(ContentBlock::toolUse)
                        .flatMap(Optional::stream).toList();
                if (uses.isEmpty()) {
                    String text = message.content().stream().map(ContentBlock::text).flatMap(Optional::stream)
                            .map(TextBlock::text).collect(Collectors.joining("\n")).trim();
                    return NarrationCheck.problem(text, answer).map(p -> Narration.refused("refused: " + p))
                            .orElseGet(() -> Narration.accepted(text));
                }
                params.addMessage(message); // the assistant turn with its tool_use blocks, then our results
                List<ContentBlockParam> results = new ArrayList<>();
                for (ToolUseBlock use : uses) {
                    AdvisorTools.Result r = tools.isPresent() ? tools.get().call(use.name(), input(use))
                            : new AdvisorTools.Result("{\"error\":\"no tools are available\"}", true);
                    results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id())
                            .content(r.content()).isError(r.error()).build()));
                }
                params.addUserMessageOfContentBlockParams(results);
            }
        } catch (AnthropicException e) {
            // the provider's status only: its message could echo request content
            return Narration.unavailable("provider error: " + e.getClass().getSimpleName());
        }
    }

    private static Object input(ToolUseBlock use) {
        try {
            return use._input().convert(Object.class);
        } catch (RuntimeException unreadable) {
            return null; // refused by AdvisorTools as not an object
        }
    }

    private static Tool tool(AdvisorTools.Spec spec) {
        Map<String, Object> schema = spec.inputSchema();
        Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
        ((Map<?, ?>) schema.get("properties")).forEach((k, v) -> properties.putAdditionalProperty(String.valueOf(k),
                JsonValue.from(v)));
        Map<String, JsonValue> rest = new LinkedHashMap<>();
        rest.put("additionalProperties", JsonValue.from(schema.get("additionalProperties")));
        return Tool.builder().name(spec.name()).description(spec.description())
                .inputSchema(Tool.InputSchema.builder().type(JsonValue.from("object")).properties(properties.build())
                        .required(((List<?>) schema.get("required")).stream().map(String::valueOf).toList())
                        .putAllAdditionalProperties(rest).build())
                .build();
    }
}
