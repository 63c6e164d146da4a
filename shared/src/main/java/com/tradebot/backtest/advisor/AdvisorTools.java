package com.tradebot.backtest.advisor;

import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.ParameterSpec;
import com.tradebot.backtest.rules.RuleValidationException;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only things a model may do while narrating an answer: read the figures already computed
 * ({@code get_metrics}) and backtest one candidate change of the strategy being advised on, in sample and on the
 * held-out window ({@code run_backtest}). Both are read-only (nothing is stored but the answer itself). A call is a
 * tool name from this fixed allowlist plus arguments that must pass the schema and the ranges below; anything else
 * is refused with an error result and runs nothing. The strategy, data and settings are fixed by the request, never
 * by the model, so neither the user's question nor a model obeying it can reach other data or other strategies.
 * Every change the model tests becomes a suggestion of the answer with its out-of-sample figures beside the
 * original's, so {@link NarrationCheck} accepts a narration citing it and the user sees it tested.
 */
public final class AdvisorTools {
    public static final String GET_METRICS = "get_metrics";
    public static final String RUN_BACKTEST = "run_backtest";
    public static final Set<String> ALLOWLIST = Set.of(GET_METRICS, RUN_BACKTEST);
    /** Each backtest runs the strategy twice over the window: a few per answer keep the request inside its timeout. */
    public static final int MAX_BACKTESTS = 3;
    public static final int MAX_TOOL_CALLS = 8;
    /** A parameter may move to between half and twice its value (and stay inside its own declared range). */
    public static final double MIN_FACTOR = 0.5;
    public static final double MAX_FACTOR = 2.0;
    public static final double MIN_STOP_LOSS_PERCENT = 0.1;
    public static final double MAX_STOP_LOSS_PERCENT = 20;

    /** A tool as offered to the model: name, description and JSON schema of its input. */
    public record Spec(String name, String description, Map<String, Object> inputSchema) {
    }

    /** What goes back to the model: JSON text, and whether the call was refused. */
    public record Result(String content, boolean error) {
        static Result ok(Object value) {
            return new Result(Json.write(value), false);
        }

        static Result refused(String why) {
            return new Result(Json.write(Map.of("error", why)), true);
        }
    }

    private final CandleSeries in;
    private final CandleSeries out;
    private final StrategyDefinition definition;
    private final Map<String, Double> parameters;
    private final SimulationSettings settings;
    private final RuleBasedAdvisor.Advice advice;
    private final Map<String, Object> answer;
    private int backtests;
    private int toolCalls;
    private final List<String> refusals = new ArrayList<>();

    /** @param answer the answer being narrated; tested changes are appended to its {@code suggestions} */
    public AdvisorTools(CandleSeries bars, StrategyDefinition definition, Map<String, Double> parameters,
                        SimulationSettings settings, RuleBasedAdvisor.Advice advice, Map<String, Object> answer) {
        int cut = (int) (bars.size() * RuleBasedAdvisor.IN_SAMPLE_FRACTION);
        this.in = bars.range(0, cut);
        this.out = bars.range(cut, bars.size());
        this.definition = definition;
        this.parameters = parameters;
        this.settings = settings;
        this.advice = advice;
        this.answer = answer;
    }

    public List<Spec> specs() {
        Map<String, Object> metrics = schema(Map.of(
                "subject", Map.of("type", "string", "enum", List.of("original", "suggestion")),
                "index", Map.of("type", "integer", "minimum", 0, "description", "which suggestion, from 0"),
                "sample", Map.of("type", "string", "enum", List.of("inSample", "outOfSample"))),
                List.of("subject", "sample"));
        Map<String, Object> backtest = schema(Map.of(
                "change", Map.of("type", "string", "enum", List.of("parameter", "stop_loss", "side")),
                "parameter", Map.of("type", "string", "enum", List.copyOf(definition.parameters().keySet())),
                "value", Map.of("type", "number", "description", "new value, between " + MIN_FACTOR + " and "
                        + MAX_FACTOR + " times the current one"),
                "stopLossPercent", Map.of("type", "number", "minimum", MIN_STOP_LOSS_PERCENT,
                        "maximum", MAX_STOP_LOSS_PERCENT),
                "side", Map.of("type", "string", "enum", List.of("long", "short"))),
                List.of("change"));
        return List.of(
                new Spec(GET_METRICS, "Figures (trades, roi, maxDrawdown, sharpeRatio, winRate) of the original "
                        + "strategy or of one tested suggestion, in sample or on the held-out window.", metrics),
                new Spec(RUN_BACKTEST, "Backtests one change of the strategy (a parameter value, a stop-loss, or "
                        + "one side only) in sample and on the held-out window, beside the original. At most "
                        + MAX_BACKTESTS + " per answer.", backtest));
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", new LinkedHashMap<>(properties));
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    /** Runs an allowlisted tool with checked arguments, or refuses; never throws for bad input. */
    public Result call(String name, Object input) {
        toolCalls++;
        if (toolCalls > MAX_TOOL_CALLS) {
            return refuse("at most " + MAX_TOOL_CALLS + " tool calls per answer");
        }
        if (name == null || !ALLOWLIST.contains(name)) {
            return refuse("unknown tool; only " + GET_METRICS + " and " + RUN_BACKTEST + " exist");
        }
        if (!(input instanceof Map<?, ?> args)) {
            return refuse("input must be a JSON object");
        }
        try {
            return name.equals(GET_METRICS) ? metrics(args) : backtest(args);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
    }

    /** Why calls were refused, in order (our own wording, never the model's arguments). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    private Result refuse(String why) {
        refusals.add(why);
        return Result.refused(why);
    }

    private Result metrics(Map<?, ?> args) {
        only(args, Set.of("subject", "index", "sample"));
        String sample = choice(args, "sample", Set.of("inSample", "outOfSample"));
        String subject = choice(args, "subject", Set.of("original", "suggestion"));
        if (subject.equals("original")) {
            if (args.containsKey("index")) {
                throw new IllegalArgumentException("index is only for a suggestion");
            }
            return Result.ok(sample.equals("inSample") ? advice.originalInSample() : advice.originalOutOfSample());
        }
        List<Map<String, Object>> suggestions = suggestions();
        Object index = args.get("index");
        if (!(index instanceof Integer i) || i < 0 || i >= suggestions.size()) {
            throw new IllegalArgumentException("index must be an integer from 0 to " + (suggestions.size() - 1));
        }
        Map<String, Object> s = suggestions.get(i);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("change", s.get("change"));
        v.put(sample, s.get(sample));
        return Result.ok(v);
    }

    private Result backtest(Map<?, ?> args) {
        String change = choice(args, "change", Set.of("parameter", "stop_loss", "side"));
        Map<String, Double> params = parameters;
        SimulationSettings s = settings;
        String text;
        switch (change) {
            case "parameter" -> {
                only(args, Set.of("change", "parameter", "value"));
                String name = choice(args, "parameter", definition.parameters().keySet());
                ParameterSpec spec = definition.parameters().get(name);
                double current = parameters.get(name);
                double value = number(args, "value");
                double low = Math.max(spec.min(), Math.min(current * MIN_FACTOR, current * MAX_FACTOR));
                double high = Math.min(spec.max(), Math.max(current * MIN_FACTOR, current * MAX_FACTOR));
                if (value < low || value > high || (spec.integer() && value != Math.rint(value)) || value == current) {
                    throw new IllegalArgumentException("value for " + name + " must differ from " + current
                            + " and lie in [" + low + ", " + high + "]" + (spec.integer() ? ", a whole number" : ""));
                }
                Map<String, Double> changed = new LinkedHashMap<>(parameters);
                changed.put(name, value);
                try {
                    definition.bind(changed);
                } catch (RuleValidationException e) {
                    throw new IllegalArgumentException("value breaks a constraint of the strategy");
                }
                params = Map.copyOf(changed);
                text = "set " + name + " to " + RuleBasedAdvisor.fmt(value) + " (from " + RuleBasedAdvisor.fmt(current)
                        + ")";
            }
            case "stop_loss" -> {
                only(args, Set.of("change", "stopLossPercent"));
                double percent = number(args, "stopLossPercent");
                if (percent < MIN_STOP_LOSS_PERCENT || percent > MAX_STOP_LOSS_PERCENT) {
                    throw new IllegalArgumentException("stopLossPercent must lie in [" + MIN_STOP_LOSS_PERCENT + ", "
                            + MAX_STOP_LOSS_PERCENT + "]");
                }
                double stop = Math.round(percent * 100) / 10_000.0;
                s = RuleBasedAdvisor.with(settings, stop, settings.direction());
                text = (settings.stopLoss() == 0 ? "add a stop-loss of " : "set the stop-loss to ")
                        + RuleBasedAdvisor.pct(stop);
            }
            default -> {
                only(args, Set.of("change", "side"));
                String side = choice(args, "side", Set.of("long", "short"));
                boolean possible = settings.direction() == Direction.BOTH
                        && (side.equals("long") ? definition.canGoLong() : definition.canGoShort());
                if (!possible) {
                    throw new IllegalArgumentException("the strategy cannot be limited to the " + side + " side");
                }
                s = RuleBasedAdvisor.with(settings, settings.stopLoss(),
                        side.equals("long") ? Direction.LONG : Direction.SHORT);
                text = "trade the " + side + " side only";
            }
        }
        for (Map<String, Object> existing : suggestions()) {
            if (text.equals(existing.get("change"))) {
                return Result.ok(existing); // already tested: same figures, no new backtest
            }
        }
        if (backtests >= MAX_BACKTESTS) {
            throw new IllegalArgumentException("at most " + MAX_BACKTESTS + " backtests per answer");
        }
        backtests++;
        RuleBasedAdvisor.Figures inSample = RuleBasedAdvisor.run(in, definition, params, s);
        RuleBasedAdvisor.Figures outOfSample = RuleBasedAdvisor.run(out, definition, params, s);
        boolean better = RuleBasedAdvisor.order(advice.focus()).compare(outOfSample, advice.originalOutOfSample()) < 0;
        Map<String, Object> v = AdvisorService.suggestionView(new RuleBasedAdvisor.Suggestion(text, params,
                s.stopLoss(), s.direction(), inSample, outOfSample, advice.originalOutOfSample(), better));
        v.put("proposedBy", "MODEL");
        suggestions().add(v);
        return Result.ok(v);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> suggestions() {
        return (List<Map<String, Object>>) answer.get("suggestions");
    }

    private static void only(Map<?, ?> args, Set<String> allowed) {
        for (Object key : args.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unexpected argument; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String choice(Map<?, ?> args, String field, Set<String> allowed) {
        Object v = args.get(field);
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw new IllegalArgumentException(field + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return s;
    }

    private static double number(Map<?, ?> args, String field) {
        Object v = args.get(field);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return n.doubleValue();
    }
}
