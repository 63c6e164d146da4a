package com.tradebot.backtest.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.backtest.StrategyBacktests;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.strategy.StrategyRepository;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    public static final Duration CACHE_TTL = Duration.ofHours(24);
    public static final int DEFAULT_DAILY_QUESTIONS = 20;
    public static final int DEFAULT_DAILY_LLM_CALLS = 60;

    private final StrategyRepository strategies;
    private final MarketDataService marketData;
    private final AdvisorRepository answers;
    private final Clock clock;
    private final int dailyQuestions;
    private final AdviceNarrator narrator;
    private final int dailyLlmCalls;
    private final Duration narrationTimeLimit;

    public AdvisorService(StrategyRepository strategies, MarketDataService marketData, AdvisorRepository answers,
                          Clock clock, int dailyQuestions) {
        this(strategies, marketData, answers, clock, dailyQuestions, null);
    }

    /** With {@code narrator} null the answer is rule-based only. */
    public AdvisorService(StrategyRepository strategies, MarketDataService marketData, AdvisorRepository answers,
                          Clock clock, int dailyQuestions, AdviceNarrator narrator) {
        this(strategies, marketData, answers, clock, dailyQuestions, narrator, DEFAULT_DAILY_LLM_CALLS);
    }

    public AdvisorService(StrategyRepository strategies, MarketDataService marketData, AdvisorRepository answers,
                          Clock clock, int dailyQuestions, AdviceNarrator narrator, int dailyLlmCalls) {
        this(strategies, marketData, answers, clock, dailyQuestions, narrator, dailyLlmCalls,
                NarrationSession.MAX_DURATION);
    }

    /**
     * @param dailyLlmCalls      model calls per user per day (tool turns count); past it answers are rule-based
     * @param narrationTimeLimit no model call is started after it (the answer must fit API Gateway's 29 s)
     */
    public AdvisorService(StrategyRepository strategies, MarketDataService marketData, AdvisorRepository answers,
                          Clock clock, int dailyQuestions, AdviceNarrator narrator, int dailyLlmCalls,
                          Duration narrationTimeLimit) {
        this.narrationTimeLimit = narrationTimeLimit;
        this.dailyLlmCalls = dailyLlmCalls;
        this.narrator = narrator;
        this.strategies = strategies;
        this.marketData = marketData;
        this.answers = answers;
        this.clock = clock;
        this.dailyQuestions = dailyQuestions;
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
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }

        // a strategyId brings the marketplace strategy's backtest definition (the caller's fields on top)
        StrategyBacktests.Resolved resolved = new StrategyBacktests(strategies).resolve(userId, body);
        ObjectNode request = resolved.request();
        String sourceId = resolved.fromStrategy() ? resolved.strategy().id() : null;
        String sourceVersion = resolved.fromStrategy() ? String.valueOf(resolved.strategy().updatedAt()) : null;
        request.remove("strategyId");
        request.remove("question");
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
        Instant now = clock.instant();
        String cacheKey = cacheKey(sourceId, sourceVersion, request, q.asText(), spec.exchange(), bars);
        String cached = answers.cachedAnswer(cacheKey, now).orElse(null);
        if (cached != null) { // read back as doubles, so a cached answer prints its numbers like a computed one
            try {
                return withCached(CACHE_READER.readValue(cached, MAP), true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                // written by an older version: compute it again below
            }
        }
        // only computed answers count: a cached one costs nothing
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        Instant dayEnds = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!answers.reserveQuestion(userId, day, dailyQuestions, dayEnds.plus(Duration.ofDays(1)))) {
            throw new ApiException(429, "ADVISOR_DAILY_LIMIT", "At most " + dailyQuestions
                    + " new advisor questions per day (cached answers do not count); try again after " + dayEnds);
        }
        Map<String, Object> answer;
        boolean cacheable = true;
        try {
            RuleBasedAdvisor.Advice advice = RuleBasedAdvisor.advise(bars, spec.definition(), spec.parameters(),
                    spec.settings(), q.asText());
            answer = view(advice, spec, sourceId, symbol, timeframe);
            if (narrator != null) {
                cacheable = narrate(userId, day, dayEnds, q.asText(), answer, new AdvisorTools(bars, spec.definition(),
                        spec.parameters(), spec.settings(), advice, answer));
            }
        } catch (RuntimeException e) {
            answers.releaseQuestion(userId, day);
            throw e;
        }
        if (cacheable) { // a fallback for a passing reason (provider error, budget) is not kept for everyone for 24 h
            answers.cacheAnswer(cacheKey, Json.write(answer), now.plus(CACHE_TTL));
        }
        return withCached(answer, false);
    }

    /**
     * Lets the narrator phrase (and, with tools, extend) the answer; every model call is counted against the caller's
     * daily LLM-call budget first. Returns whether the answer may be cached for everyone.
     */
    private boolean narrate(String userId, String day, Instant dayEnds, String question, Map<String, Object> answer,
                            AdvisorTools tools) {
        NarrationSession session = new NarrationSession(() -> answers.reserveLlmCall(userId, day, dailyLlmCalls,
                dayEnds.plus(Duration.ofDays(1))), tools, narrationTimeLimit);
        AdviceNarrator.Narration narration = narrator.narrate(question, answer, session);
        if (narration.text() != null) {
            answer.put("narration", narrator.name());
            answer.put("narrative", narration.text());
        } else {
            answer.put("narrationUnavailable", narration.problem());
        }
        answer.put("llmCalls", session.calls());
        return narration.cacheable();
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private static final com.fasterxml.jackson.databind.ObjectMapper CACHE_READER =
            com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
    /** Sorted keys make the cache key independent of the order fields were sent in. */
    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = Json.MAPPER.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static Map<String, Object> withCached(Map<String, Object> answer, boolean cached) {
        Map<String, Object> out = new LinkedHashMap<>(answer);
        out.put("cached", cached);
        return out;
    }

    /** Lower case, words only: "How do I reduce drawdown?" and "how do i  reduce DRAWDOWN" share an answer. */
    static String normalise(String question) {
        return String.join(" ", question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim()
                .split(" "));
    }

    /** Strategy version (or the request's own content), normalised question and data window, hashed. */
    private static String cacheKey(String strategyId, String version, ObjectNode request, String question,
                                   String exchange, CandleSeries bars) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("strategyId", strategyId);
        key.put("version", version);
        key.put("request", Json.MAPPER.convertValue(request, MAP));
        key.put("question", normalise(question));
        key.put("window", List.of(String.valueOf(exchange), bars.size(), bars.firstTime(), bars.lastTime(),
                bars.timeframe().toString()));
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(key);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the advisor cache key", e);
        }
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
            suggestions.add(suggestionView(s));
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

    /** One tested change as the answer shows it (also for changes a model tested through {@link AdvisorTools}). */
    static Map<String, Object> suggestionView(RuleBasedAdvisor.Suggestion s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("change", s.change());
        v.put("parameters", s.parameters());
        v.put("stopLoss", s.stopLoss());
        v.put("direction", s.direction().name());
        v.put("inSample", s.inSample());
        v.put("outOfSample", s.outOfSample());
        v.put("originalOutOfSample", s.originalOutOfSample());
        v.put("betterOutOfSample", s.betterOutOfSample());
        return v;
    }
}
