package com.tradebot.trading.paper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.BacktestRequests;
import com.tradebot.backtest.BacktestResult;
import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.BacktestSpec;
import com.tradebot.common.ApiException;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.KlineInterval;
import com.tradebot.trading.position.PositionEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Live paper sessions (issue 18 §3): started with the last {@code seedBars} closed candles from the exchange (they
 * warm the indicators up; no decision is taken on them), then evaluated by the 1-minute schedule on each newly
 * closed candle. Each evaluation is the backtest engine over the session's candles (same rules, fills at the next
 * real open with fees and slippage, same metrics), so a live session equals a backtest of the same candles trade for
 * trade; the position and PnL are pushed as {@code position_update} on the owner's positions channel.
 */
public final class LivePaperSessions {
    private static final Logger LOG = LogManager.getLogger(LivePaperSessions.class);
    /** Enough closed candles to warm up every catalogue strategy (the longest look-back is a 200-bar EMA). */
    public static final int SEED_BARS = 300;
    /** Running live sessions one user may have at a time (each costs an evaluation a minute). */
    static final int MAX_RUNNING_PER_USER = 5;

    private final PaperSessionRepository sessions;
    private final LiveCandles candles;
    private final Set<String> exchanges;
    private final PositionEvents events;
    private final Clock clock;
    private final int seedBars;

    public LivePaperSessions(PaperSessionRepository sessions, LiveCandles candles, Set<String> exchanges,
                             PositionEvents events, Clock clock, int seedBars) {
        this.sessions = sessions;
        this.candles = candles;
        this.exchanges = exchanges;
        this.events = events;
        this.clock = clock;
        this.seedBars = seedBars;
    }

    /** {@code request} is a checked backtest request without dates (the fees and slippage already folded in). */
    PaperSession start(String userId, ObjectNode request, BacktestSpec spec, int feeBps, int slippageBps) {
        String exchange = spec.exchange() == null ? "binance" : spec.exchange().toLowerCase(java.util.Locale.ROOT);
        if (!exchanges.contains(exchange)) {
            throw ApiException.badRequest("EXCHANGE_NOT_SUPPORTED", "Live sessions read candles from " + exchanges
                    + "; not from " + exchange);
        }
        BacktestSpec.Slice slice = spec.slices().get(0);
        if (KlineInterval.parse(slice.timeframe().code()).isEmpty()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "Live sessions run on 1m, 5m, 15m, 30m, 1h, 4h or "
                    + "1d candles, not " + slice.timeframe().code());
        }
        long running = sessions.ofUser(userId, 100).stream().filter(s -> s.isLive() && s.isRunning()).count();
        if (running >= MAX_RUNNING_PER_USER) {
            throw ApiException.conflict("TOO_MANY_SESSIONS", "At most " + MAX_RUNNING_PER_USER
                    + " live sessions run at a time; stop one first");
        }
        request.put("exchange", exchange);
        DatasetKey key = new DatasetKey(exchange, slice.symbol(), slice.timeframe());
        Instant now = clock.instant();
        Instant lastCandle;
        try {
            lastCandle = candles.fetchClosed(key, null, seedBars, now);
        } catch (ExchangeException e) {
            throw switch (e.error()) {
                case INVALID_SYMBOL -> ApiException.badRequest("INVALID_SYMBOL", exchange + " does not list "
                        + slice.symbol());
                case NOT_SUPPORTED -> ApiException.badRequest("EXCHANGE_NOT_SUPPORTED", e.getMessage());
                default -> new ApiException(502, "EXCHANGE_UNAVAILABLE", exchange + " did not answer the candle "
                        + "request (" + e.error() + "); try again");
            };
        }
        PaperSession session = new PaperSession(UUID.randomUUID().toString(), userId, "LIVE", "RUNNING",
                spec.strategy(), exchange, slice.symbol().toString(), slice.timeframe().code(), null,
                spec.settings().initialCapital(), feeBps, slippageBps, now, null, null, request,
                new PaperSession.Live(now, lastCandle, 0, spec.settings().initialCapital(), 0, 0, null, null), null);
        sessions.insert(session);
        return sessions.find(session.id()).orElseThrow();
    }

    /** Stops a running live session, keeping what it has traded so far (retries once a tick got there first). */
    PaperSession stop(PaperSession session) {
        PaperSession current = session;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!current.isRunning()) {
                throw ApiException.conflict("SESSION_ENDED", "The session is already " + current.status());
            }
            Optional<PaperSession> stopped = sessions.update(current.stopped(clock.instant()));
            if (stopped.isPresent()) {
                return stopped.get();
            }
            current = sessions.find(session.id()).orElseThrow(() -> ApiException.notFound("No session "
                    + session.id()));
        }
        throw ApiException.conflict("SESSION_BUSY", "The session is being updated; try again");
    }

    /** What one run of the schedule did. */
    public record Tick(int sessions, int evaluated, int failed, int pushed) {
    }

    /** One run of the 1-minute schedule: new closed candles per (exchange, symbol, timeframe), then each session. */
    public Tick tick() {
        Instant now = clock.instant();
        Map<DatasetKey, List<PaperSession>> groups = new LinkedHashMap<>();
        for (String id : sessions.running()) {
            sessions.find(id).filter(s -> s.isLive() && s.isRunning()).ifPresent(s -> groups.computeIfAbsent(
                    DatasetKey.of(s.exchange(), s.symbol(), s.timeframe()), k -> new ArrayList<>()).add(s));
        }
        int count = 0;
        int evaluated = 0;
        int failed = 0;
        int pushed = 0;
        for (Map.Entry<DatasetKey, List<PaperSession>> group : groups.entrySet()) {
            DatasetKey key = group.getKey();
            count += group.getValue().size();
            Instant after = group.getValue().stream().map(s -> seen(s, key.timeframe())).min(Instant::compareTo)
                    .orElseThrow();
            String error = null;
            try {
                candles.fetchClosed(key, after, seedBars, now);
            } catch (ExchangeException | IllegalArgumentException e) {
                // one pair's exchange failing leaves the other pairs' sessions running; the next minute retries
                error = e instanceof ExchangeException x ? x.error().name() : ExchangeError.UNAVAILABLE.name();
                LOG.warn("Live paper candles of {} not fetched: {}", key, e.getMessage());
                failed += group.getValue().size();
            }
            for (PaperSession session : group.getValue()) {
                Optional<PaperSession> updated = error == null ? evaluate(session, key, now)
                        : failed(session, error);
                if (updated.isPresent() && error == null) {
                    evaluated++;
                    events.paperSessionChanged(session.userId(), update(updated.get()));
                    pushed++;
                }
            }
        }
        return new Tick(count, evaluated, failed, pushed);
    }

    private static Instant seen(PaperSession session, Timeframe timeframe) {
        return session.live().lastCandle() != null ? session.live().lastCandle()
                : session.live().startedAt().minusMillis(timeframe.millis());
    }

    private Optional<PaperSession> failed(PaperSession session, String error) {
        if (error.equals(session.live().lastError())) {
            return Optional.empty();
        }
        PaperSession.Live l = session.live();
        return sessions.update(session.evaluated(session.result(), new PaperSession.Live(l.startedAt(),
                l.lastCandle(), l.candles(), l.equity(), l.realisedPnl(), l.unrealisedPnl(), l.openPosition(), error)));
    }

    /** Runs the engine over the session's candles when a candle closed since its last evaluation; stores it. */
    private Optional<PaperSession> evaluate(PaperSession session, DatasetKey key, Instant now) {
        PaperSession.Live live = session.live();
        long step = key.timeframe().millis();
        Instant from = live.startedAt().minusMillis(step * (seedBars + 1L));
        CandleSeries bars = candles.load(key, from, now);
        if (bars.isEmpty()) {
            return Optional.empty();
        }
        Instant newest = Instant.ofEpochMilli(bars.lastTime());
        if (live.lastCandle() != null && !newest.isAfter(live.lastCandle())) {
            return Optional.empty(); // nothing closed since the last evaluation
        }
        // the first bar a decision is taken on is the one still open when the session started
        int first = bars.lowerBound(live.startedAt().toEpochMilli() - step + 1);
        if (first >= bars.size()) {
            return sessions.update(session.evaluated(null, new PaperSession.Live(live.startedAt(), newest, 0,
                    session.initialCapital(), 0, 0, null, null)));
        }
        BacktestSpec spec = BacktestRequests.parse(BacktestKind.RUN, session.request());
        BacktestResult result = BacktestRunner.runFrom(session.exchange(), session.symbol(), bars, first,
                spec.definition(), spec.parameters(), spec.settings());
        PaperSession evaluated = session.evaluated(result, liveFigures(live.startedAt(), newest, result));
        try {
            return sessions.update(evaluated);
        } catch (PaperSessionRepository.SessionTooLarge e) {
            LOG.warn("Live paper session {} stopped: its results outgrew one item", session.id());
            PaperSession.Live l = evaluated.live();
            return sessions.update(session.evaluated(null, new PaperSession.Live(l.startedAt(), l.lastCandle(),
                    l.candles(), l.equity(), l.realisedPnl(), l.unrealisedPnl(), l.openPosition(),
                    "SESSION_TOO_LARGE")).stopped(clock.instant()));
        }
    }

    /**
     * Realised PnL over closed trades; a trade the engine closed at the end of the data is the position still open
     * (marked to the last close, both fees counted as for positions), reported apart.
     */
    static PaperSession.Live liveFigures(Instant startedAt, Instant lastCandle, BacktestResult result) {
        double realised = 0;
        PaperSession.OpenTrade open = null;
        for (BacktestResult.TradeView t : result.trades()) {
            if ("END_OF_DATA".equals(t.exitReason())) {
                open = new PaperSession.OpenTrade(t.side(), t.entryTime(), t.entryPrice(), t.size(), t.exitPrice(),
                        t.pnl());
            } else {
                realised += t.pnl();
            }
        }
        return new PaperSession.Live(startedAt, lastCandle, result.bars(), result.metrics().finalEquity(),
                round(realised), open == null ? 0 : round(open.unrealisedPnl()), open, null);
    }

    /** The {@code position_update} of a paper session: where it stands after the candle just evaluated. */
    static Map<String, Object> update(PaperSession session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paperSessionId", session.id());
        data.put("mode", "PAPER");
        data.put("session", session.summary());
        if (session.result() != null) {
            data.put("trades", session.result().trades().size());
            data.put("metrics", session.result().metrics());
        }
        return data;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
