package com.tradebot.backtest.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/advisor/ask}: resolves what to advise on (a marketplace strategy's backtest definition, a rule
 * document or a catalogue name), loads the stored candles and lets {@link RuleBasedAdvisor} answer. The question is
 * only ever read by {@link RuleBasedAdvisor#focus}; it never reaches the backtest request.
 */
public final class AdvisorService {
    public static final int MAX_QUESTION_CHARS = 1_000;
    public static final int MIN_BARS = 200;
    /** Bounds the work per request (each answer runs about twenty backtests): the most recent bars are used. */
    public static final int MAX_BARS = 20_000;
    static final String DEFAULT_SYMBOL = "BTC/USD";
    static final String DEFAULT_TIMEFRAME = "15m";
    /** Key in a marketplace strategy's {@code parameters} holding its backtest request ({@code strategy|rules, ...}). */
    public static final String BACKTEST_DEFINITION_KEY = "backtest";

    private final StrategyRepository strategies;
    private final MarketDataService marketData;

    public AdvisorService(StrategyRepository strategies, MarketDataService marketData) {
        this.strategies = strategies;
        this.marketData = marketData;
    }

    public Map<String, Object> ask(String userId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode q = body.get("question");
        if (q == null || !q.isTextual() || q.asText().isBlank()) {
            errors.add(new FieldError("question", "required: what you want to improve, e.g. 'reduce the drawdown'"));
        } else if (q.asText().length() > MAX_QUESTION_CHARS) {
            errors.add(new FieldError("question", "at most " + MAX_QUESTION_CHARS + " characters"));
        }
        JsonNode strategyId = body.get("strategyId");
        if (strategyId != null && (body.has("rules") || body.has("strategy"))) {
            errors.add(new FieldError("strategyId", "give one of strategyId, rules or strategy"));
        }
        if (strategyId != null && (!strategyId.isTextual() || strategyId.asText().isBlank())) {
            errors.add(new FieldError("strategyId", "must be a strategy id"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }

        ObjectNode request;
        String sourceId = null;
        if (strategyId != null) {
            Strategy strategy = visible(strategyId.asText(), userId);
            Object definition = strategy.parameters() == null ? null : strategy.parameters().get(BACKTEST_DEFINITION_KEY);
            if (!(definition instanceof Map<?, ?>)) {
                throw ApiException.badRequest("NO_BACKTEST_DEFINITION", "Strategy " + strategy.id() + " has no "
                        + "backtest definition (parameters." + BACKTEST_DEFINITION_KEY + " with strategy or rules); "
                        + "ask with a rules document or a catalogue strategy instead");
            }
            request = Json.MAPPER.valueToTree(definition);
            request.remove("strategyId");
            sourceId = strategy.id();
        } else {
            request = body.deepCopy();
        }
        request.remove("question");
        for (String field : List.of("symbol", "timeframe", "exchange")) {
            if (body.hasNonNull(field)) {
                request.set(field, body.get(field));
            }
        }
        if (!request.hasNonNull("symbol")) {
            request.put("symbol", DEFAULT_SYMBOL);
        }
        if (!request.hasNonNull("timeframe")) {
            request.put("timeframe", DEFAULT_TIMEFRAME);
        }
        BacktestSpec spec;
        try {
            spec = BacktestRequests.parse(BacktestKind.RUN, request);
        } catch (ApiException e) {
            if (sourceId != null && "VALIDATION_FAILED".equals(e.code())) {
                throw new ApiException(400, "INVALID_BACKTEST_DEFINITION", "Strategy " + sourceId
                        + "'s backtest definition is not valid: " + e.getMessage(), e.details());
            }
            throw e;
        }

        MarketSymbol symbol = spec.symbols().get(0);
        Timeframe timeframe = spec.timeframes().get(0);
        long from = spec.from() == null ? Long.MIN_VALUE / 2 : spec.from().toEpochMilli();
        long to = spec.to() == null ? Long.MAX_VALUE / 2 : spec.to().toEpochMilli();
        CandleSeries bars = marketData.load(spec.exchange(), symbol, timeframe, from, to);
        if (bars.size() < MIN_BARS) {
            throw ApiException.badRequest("NOT_ENOUGH_DATA", "Only " + bars.size() + " " + timeframe + " bars of "
                    + symbol + " in the chosen period; the advisor needs at least " + MIN_BARS);
        }
        if (bars.size() > MAX_BARS) {
            bars = bars.range(bars.size() - MAX_BARS, bars.size());
        }
        RuleBasedAdvisor.Advice advice = RuleBasedAdvisor.advise(bars, spec.definition(), spec.parameters(),
                spec.settings(), q.asText());
        return view(advice, spec, sourceId, symbol, timeframe);
    }

    private Strategy visible(String id, String userId) {
        Strategy s = strategies.find(id).orElse(null);
        boolean owner = s != null && s.ownerId().equals(userId);
        if (s == null || (s.deleted() && !owner) || (!s.isPublic() && !owner)) {
            throw ApiException.notFound("Strategy " + id + " not found");
        }
        return s;
    }

    private static Map<String, Object> view(RuleBasedAdvisor.Advice a, BacktestSpec spec, String strategyId,
                                            MarketSymbol symbol, Timeframe timeframe) {
        Map<String, Object> source = new LinkedHashMap<>();
        if (strategyId != null) {
            source.put("strategyId", strategyId);
        }
        source.put("strategy", spec.strategy());
        source.put("parameters", spec.parameters());
        source.put("direction", spec.settings().direction().name());
        source.put("stopLoss", spec.settings().stopLoss());
        source.put("symbol", symbol.toString());
        source.put("timeframe", timeframe.toString());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("inSampleFrom", a.inSampleFrom().toString());
        window.put("outOfSampleFrom", a.outOfSampleFrom().toString());
        window.put("outOfSampleTo", a.outOfSampleTo().toString());
        window.put("inSampleFraction", RuleBasedAdvisor.IN_SAMPLE_FRACTION);
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("inSample", a.originalInSample());
        original.put("outOfSample", a.originalOutOfSample());
        List<Map<String, Object>> suggestions = new ArrayList<>();
        for (RuleBasedAdvisor.Suggestion s : a.suggestions()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("change", s.change());
            v.put("parameters", s.parameters());
            v.put("stopLoss", s.stopLoss());
            v.put("direction", s.direction().name());
            v.put("inSample", s.inSample());
            v.put("outOfSample", s.outOfSample());
            v.put("originalOutOfSample", s.originalOutOfSample());
            v.put("betterOutOfSample", s.betterOutOfSample());
            suggestions.add(v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("focus", a.focus().name());
        out.put("source", source);
        out.put("window", window);
        out.put("original", original);
        out.put("candidatesTested", a.candidatesTested());
        out.put("suggestions", suggestions);
        out.put("summary", a.summary());
        out.put("narration", "RULE_BASED");
        return out;
    }
}
