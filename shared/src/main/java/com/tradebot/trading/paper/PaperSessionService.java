package com.tradebot.trading.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestResult;
import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.backtest.StrategyBacktests;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Paper-trading sessions on the backtest engine (issue 18 §3). Replay mode runs the strategy over stored candles of
 * {@code replay.from..to} with the same rule language, engine, fills (next open, fees, slippage) and metrics as a
 * backtest, so a replay equals a backtest of the same window trade for trade; at speed 0 it completes within the
 * start request and is labelled {@code REPLAY}. A session without {@code replay} is {@code LIVE}: candles closed on
 * the exchange from now on, evaluated by the 1-minute schedule ({@link LivePaperSessions}), until stopped.
 */
public final class PaperSessionService {
    private final PaperSessionRepository sessions;
    private final MarketDataService marketData;
    private final LivePaperSessions live;
    private final Clock clock;

    private final StrategyRepository strategies;

    /** Replay sessions only: a live one is a 400 saying so. */
    public PaperSessionService(PaperSessionRepository sessions, MarketDataService marketData, Clock clock) {
        this(sessions, marketData, null, clock, null);
    }

    public PaperSessionService(PaperSessionRepository sessions, MarketDataService marketData, LivePaperSessions live,
                               Clock clock) {
        this(sessions, marketData, live, clock, null);
    }

    /** With {@code strategies}, a session (replay or live) may name a marketplace strategy ({@code strategyId}). */
    public PaperSessionService(PaperSessionRepository sessions, MarketDataService marketData, LivePaperSessions live,
                               Clock clock, StrategyRepository strategies) {
        this.strategies = strategies;
        this.sessions = sessions;
        this.marketData = marketData;
        this.live = live;
        this.clock = clock;
    }

    public PaperSession start(String userId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "The body must be a JSON object");
        }
        JsonNode replay = body.path("replay");
        if (!replay.isObject()) {
            if (!replay.isMissingNode() && !replay.isNull()) {
                throw ApiException.validation(List.of(new FieldError("replay", "an object {from, to, speed}, or "
                        + "leave it out for a live session")));
            }
            return startLive(userId, body);
        }
        List<FieldError> errors = new ArrayList<>();
        int speed = replay.path("speed").isMissingNode() ? 0 : replay.path("speed").asInt(-1);
        if (speed != 0 || (replay.has("speed") && !replay.get("speed").isIntegralNumber())) {
            errors.add(new FieldError("replay.speed", "only 0 (as fast as possible) is offered so far"));
        }
        int feeBps = bps(body, "feeBps", 10, errors);
        int slippageBps = bps(body, "slippageBps", 5, errors);
        ObjectNode request = requestOf(userId, body);
        request.remove(List.of("replay", "feeBps", "slippageBps", "startDate", "endDate", "fees", "slippage"));
        request.putObject("fees").put("maker", feeBps / 10_000.0).put("taker", feeBps / 10_000.0);
        request.put("slippage", slippageBps / 10_000.0);
        copyText(replay, "from", request, "startDate", errors);
        copyText(replay, "to", request, "endDate", errors);
        BacktestSpec spec;
        try {
            spec = BacktestRequests.parse(BacktestKind.RUN, request);
        } catch (ApiException e) {
            errors.addAll(e.details() == null ? List.of() : renamed(e.details()));
            throw ApiException.validation(errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        BacktestSpec.Slice slice = spec.slices().get(0);
        CandleSeries bars = marketData.load(spec.exchange(), slice.symbol(), slice.timeframe(),
                spec.from().toEpochMilli(), spec.to().toEpochMilli());
        String exchange = marketData.source(spec.exchange(), slice.symbol(), slice.timeframe())
                .map(d -> d.key().exchange()).orElse(spec.exchange());
        BacktestResult result = BacktestRunner.run(exchange, slice.symbol().toString(), bars, spec.definition(),
                spec.parameters(), spec.settings());
        Instant now = clock.instant();
        PaperSession session = new PaperSession(UUID.randomUUID().toString(), userId, "REPLAY", "COMPLETED",
                spec.strategy(), exchange, slice.symbol().toString(), slice.timeframe().code(),
                new PaperSession.Replay(spec.from(), spec.to(), speed), spec.settings().initialCapital(), feeBps,
                slippageBps, now, now, result, null, null, null);
        if (!sessions.insert(session)) {
            throw ApiException.badRequest("SESSION_TOO_LARGE", "The replay window yields more results than a "
                    + "session can hold; replay a shorter window");
        }
        return session;
    }

    /** The body as a backtest request; a {@code strategyId} brings the marketplace strategy's definition. */
    private ObjectNode requestOf(String userId, JsonNode body) {
        if (strategies != null) {
            return new StrategyBacktests(strategies).resolve(userId, body).request();
        }
        if (body.hasNonNull("strategyId")) {
            throw ApiException.validation(List.of(new FieldError("strategyId", "not available here")));
        }
        return ((ObjectNode) body).deepCopy();
    }

    private PaperSession startLive(String userId, JsonNode body) {
        if (live == null) {
            throw ApiException.badRequest("LIVE_SESSIONS_UNAVAILABLE", "Only replay sessions are offered here: "
                    + "give replay: {from, to, speed: 0} over stored candles");
        }
        List<FieldError> errors = new ArrayList<>();
        int feeBps = bps(body, "feeBps", 10, errors);
        int slippageBps = bps(body, "slippageBps", 5, errors);
        ObjectNode request = requestOf(userId, body);
        request.remove(List.of("replay", "feeBps", "slippageBps", "startDate", "endDate", "fees", "slippage"));
        request.putObject("fees").put("maker", feeBps / 10_000.0).put("taker", feeBps / 10_000.0);
        request.put("slippage", slippageBps / 10_000.0);
        BacktestSpec spec;
        try {
            spec = BacktestRequests.parse(BacktestKind.RUN, request);
        } catch (ApiException e) {
            errors.addAll(e.details() == null ? List.of() : renamed(e.details()));
            throw ApiException.validation(errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return live.start(userId, request, spec, feeBps, slippageBps);
    }

    /** A live session stops with what it traded so far; a replay ended when start answered (a conflict). */
    public PaperSession stop(String userId, String id) {
        PaperSession session = get(userId, id);
        if (session.isLive() && session.isRunning() && live != null) {
            return live.stop(session);
        }
        throw ApiException.conflict("SESSION_ENDED", "The session is already " + session.status());
    }

    public PaperSession get(String userId, String id) {
        PaperSession session = sessions.find(id).orElseThrow(() -> ApiException.notFound("No session " + id));
        if (!session.userId().equals(userId)) {
            throw ApiException.forbidden("Not your session");
        }
        return session;
    }

    public List<PaperSession> mine(String userId) {
        return sessions.ofUser(userId, 100);
    }

    private static List<FieldError> renamed(List<FieldError> details) {
        List<FieldError> out = new ArrayList<>();
        for (FieldError e : details) {
            String field = switch (e.field()) {
                case "startDate" -> "replay.from";
                case "endDate" -> "replay.to";
                case "fees.maker", "fees.taker" -> "feeBps";
                default -> e.field();
            };
            out.add(new FieldError(field, e.message().replace("startDate", "replay.from").replace("endDate", "replay.to")));
        }
        return out;
    }

    private static int bps(JsonNode body, String field, int defaultValue, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 1000) {
            errors.add(new FieldError(field, "must be a whole number of basis points, 0 to 1000"));
            return defaultValue;
        }
        return value.asInt();
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String as, List<FieldError> errors) {
        JsonNode value = from.get(field);
        if (value == null || !value.isTextual()) {
            errors.add(new FieldError("replay." + field, "required: YYYY-MM-DD or an ISO-8601 instant"));
            return;
        }
        to.put(as, value.asText());
    }
}
