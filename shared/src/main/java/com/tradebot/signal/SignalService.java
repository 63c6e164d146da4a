package com.tradebot.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.common.Page;
import com.tradebot.signal.outbox.SignalOutboxRepository;
import com.tradebot.signal.track.StatsCalculator;
import com.tradebot.signal.track.TrackRecordEvent;
import com.tradebot.signal.track.Verification;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyService;
import com.tradebot.subscription.Subscription;
import com.tradebot.subscription.SubscriptionRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Signals and their lifecycle. Every change is one track-record event, written with the signal in one transaction
 * and then published for fan-out; closing a signal recomputes the provider's statistics from the events.
 */
public final class SignalService {
    private static final Logger LOG = LogManager.getLogger(SignalService.class);
    private static final int MAX_CHAIN_RETRIES = 12;
    public static final int MAX_PAGE = 100;

    private final SignalRepository signals;
    private final StrategyService strategies;
    private final SubscriptionRepository subscriptions;
    private final SignalEventPublisher publisher;
    private final SignalOutboxRepository outbox;
    private final Clock clock;

    public SignalService(SignalRepository signals, StrategyService strategies, SubscriptionRepository subscriptions,
                         SignalEventPublisher publisher, Clock clock) {
        this.signals = signals;
        this.strategies = strategies;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.outbox = signals.outbox();
        this.clock = clock;
    }

    public SignalRepository repository() {
        return signals;
    }

    /** Publishes a new signal on a strategy {@code callerId} owns (403 otherwise). */
    public Signal create(String callerId, SignalDraft draft, String correlationId) {
        if (draft == null || draft.strategyId() == null || draft.strategyId().isBlank()) {
            throw ApiException.validation(List.of(new ApiException.FieldError("strategyId", "is required")));
        }
        Strategy strategy = strategies.owned(callerId, draft.strategyId());
        return open(strategy, SignalRules.validate(draft), draft.indicators(), "API", null, correlationId);
    }

    /**
     * Opens a signal on {@code strategy} (ownership already checked). With an {@code alert} key a second delivery of
     * the same alert returns the first one's signal (and republishes its event: consumers drop it by event id).
     */
    public Signal open(Strategy strategy, SignalRules.Validated valid, Map<String, Object> indicators, String source,
                       SignalRepository.AlertKey alert, String correlationId) {
        return open(strategy, valid, indicators, source, alert, correlationId, null);
    }

    /**
     * As above, with the chain head the caller has just read ({@code knownHead}, e.g. with the strategy in one
     * BatchGetItem) used for the first attempt: one read less on the webhook's path. A stale head only costs a retry
     * (the append is conditioned on it).
     */
    public Signal open(Strategy strategy, SignalRules.Validated valid, Map<String, Object> indicators, String source,
                       SignalRepository.AlertKey alert, String correlationId, SignalRepository.Head knownHead) {
        if (!strategy.isActive() || strategy.deleted()) {
            throw ApiException.conflict("STRATEGY_INACTIVE", "The strategy is not active");
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < MAX_CHAIN_RETRIES; attempt++) {
            SignalRepository.Head head = attempt == 0 && knownHead != null ? knownHead : signals.head(strategy.id());
            long sequence = head.sequence() + 1;
            Signal signal = new Signal(id, strategy.id(), strategy.ownerId(), valid.type(), valid.pair(),
                    valid.exchange(), valid.timeframe(), valid.side(), valid.entryPrice(), valid.stopLoss(),
                    valid.takeProfits().get(0).price(), valid.takeProfits(), valid.leverage(), valid.riskRewardRatio(),
                    indicators == null ? Map.of() : indicators, SignalStatus.ACTIVE, null, null, source, sequence, now,
                    now, null);
            TrackRecordEvent event = TrackRecordEvent.link(strategy.id(), sequence, TrackRecordEvent.OPENED, id,
                    now.toString(), snapshot(signal), head.hash());
            SignalEventMessage message = SignalEventMessage.of(event, signal, correlationId);
            String json = Json.write(message);
            try {
                signals.insert(signal, event, json, head.sequence(), alert);
                publish(message, json);
                return signal;
            } catch (SignalRepository.WriteConflict e) {
                if (e.conflict() == SignalRepository.Conflict.DUPLICATE_ALERT) {
                    throw new DuplicateAlert(signals.signalOfAlert(strategy.id(), alert.bodyHash(), now).orElse(null));
                }
                if (e.conflict() != SignalRepository.Conflict.CHAIN_MOVED) {
                    throw e;
                }
                backOff(attempt);
            }
        }
        throw new ApiException(503, "BUSY", "Too many concurrent signals on this strategy; try again");
    }

    /** A repeated webhook alert: {@code signalId} is the signal the first delivery made. */
    public static final class DuplicateAlert extends RuntimeException {
        private final String signalId;

        public DuplicateAlert(String signalId) {
            super("duplicate alert", null, false, false);
            this.signalId = signalId;
        }

        public String signalId() {
            return signalId;
        }
    }

    /** Moves stop/targets, or ends the signal when {@code change.status} is TP_HIT / SL_HIT / CLOSED. */
    public Signal update(String callerId, String id, SignalChange change, String correlationId) {
        if (change == null) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        Signal current = ownedSignal(callerId, id);
        if (change.status() != null) {
            SignalStatus target = parseStatus(change.status());
            if (target == SignalStatus.CANCELLED) {
                return cancel(callerId, id, correlationId);
            }
            if (target != SignalStatus.ACTIVE) {
                if (change.exitPrice() == null || change.exitPrice().signum() <= 0) {
                    throw ApiException.validation(List.of(new ApiException.FieldError("exitPrice",
                            "is required (positive) to end a signal")));
                }
                return close(current, target, change.exitPrice(), correlationId);
            }
        }
        return amend(current, change, correlationId);
    }

    public Signal cancel(String callerId, String id, String correlationId) {
        Signal current = ownedSignal(callerId, id);
        Signal cancelled = transition(current, SignalStatus.CANCELLED, current.stopLoss(), current.takeProfits(), null,
                TrackRecordEvent.CANCELLED, correlationId);
        refreshStats(current.strategyId());
        return cancelled;
    }

    /** Ends a signal at {@code exitPrice}; the strategy's statistics follow from the events. */
    public Signal close(Signal current, SignalStatus outcome, BigDecimal exitPrice, String correlationId) {
        Signal closed = transition(current, outcome, current.stopLoss(), current.takeProfits(), exitPrice,
                TrackRecordEvent.CLOSED, correlationId);
        refreshStats(current.strategyId());
        return closed;
    }

    public Signal amend(Signal current, SignalChange change, String correlationId) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        BigDecimal stop = change.stopLoss() != null ? change.stopLoss() : current.stopLoss();
        List<TakeProfit> targets = current.takeProfits();
        if (change.takeProfit() != null || change.takeProfits() != null) {
            targets = SignalRules.takeProfits(errors, change.takeProfit(), change.takeProfits());
        }
        if (change.stopLoss() != null) {
            SignalRules.positive(errors, "stopLoss", change.stopLoss(), true);
        }
        if (errors.isEmpty()) {
            SignalRules.priceOrder(errors, current.side(), current.entryPrice(), stop, targets);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (change.stopLoss() == null && change.takeProfit() == null && change.takeProfits() == null) {
            throw ApiException.validation(List.of(new ApiException.FieldError("body",
                    "set stopLoss, takeProfit(s), or status with exitPrice")));
        }
        return transition(current, SignalStatus.ACTIVE, stop, targets, null, TrackRecordEvent.UPDATED, correlationId);
    }

    private Signal transition(Signal current, SignalStatus next, BigDecimal stop, List<TakeProfit> targets,
                              BigDecimal exitPrice, String kind, String correlationId) {
        Signal base = current;
        for (int attempt = 0; attempt < MAX_CHAIN_RETRIES; attempt++) {
            if (base.status() != SignalStatus.ACTIVE || (next != SignalStatus.ACTIVE && !base.status().canBecome(next))) {
                throw ApiException.conflict("ILLEGAL_TRANSITION",
                        "A " + base.status() + " signal cannot become " + next);
            }
            Instant now = clock.instant();
            SignalRepository.Head head = signals.head(base.strategyId());
            long sequence = head.sequence() + 1;
            BigDecimal result = exitPrice == null ? null
                    : SignalRules.resultPercent(base.side(), base.entryPrice(), exitPrice);
            BigDecimal riskReward = SignalRules.riskReward(base.entryPrice(), stop, targets);
            Signal updated = base.withState(next, stop, targets, riskReward, exitPrice, result, sequence, now);
            TrackRecordEvent event = TrackRecordEvent.link(base.strategyId(), sequence, kind, base.id(),
                    now.toString(), snapshot(updated), head.hash());
            SignalEventMessage message = SignalEventMessage.of(event, updated, correlationId);
            String json = Json.write(message);
            try {
                signals.change(updated, base.sequence(), event, json, head.sequence());
                publish(message, json);
                return updated;
            } catch (SignalRepository.WriteConflict e) {
                if (e.conflict() == SignalRepository.Conflict.SIGNAL_CHANGED) {
                    base = signals.find(base.id()).orElseThrow();
                } else if (e.conflict() != SignalRepository.Conflict.CHAIN_MOVED) {
                    throw e;
                }
                backOff(attempt);
            }
        }
        throw new ApiException(503, "BUSY", "Too many concurrent changes on this strategy; try again");
    }

    /**
     * Full-jitter exponential back-off between attempts to append to a strategy's chain: without it, writers that
     * lost the race re-read the head at once and collide again, and under CPU contention one can lose every time.
     */
    private static void backOff(int attempt) {
        long capMillis = Math.min(100, 2L << attempt);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "BUSY", "Interrupted while retrying; try again");
        }
    }

    /**
     * Publishes a stored event and takes it out of the outbox. A failure is not the caller's: the event is stored with
     * its message, and the outbox sweeper (SignalOutboxSweeper, on a schedule) publishes it later, once by event id.
     * The request therefore succeeds; a client retrying it would only make a second signal.
     */
    private void publish(SignalEventMessage message, String json) {
        try {
            publisher.publish(message, json);
        } catch (RuntimeException e) {
            LOG.error("Publishing event {} failed, left to the outbox sweeper: {}", message.eventId(), e.toString());
            return;
        }
        try {
            outbox.markPublished(message.strategyId(), message.sequence());
        } catch (RuntimeException e) {
            // published but still listed: the sweeper publishes it again and consumers drop it by event id
            LOG.warn("Event {} published but still in the outbox: {}", message.eventId(), e.toString());
        }
    }

    /**
     * Brings the strategy's statistics up to its latest event (they are never typed in): the stored tally plus the
     * events after it, so a close reads its own few events rather than the whole history. A tally that cannot be
     * read is rebuilt from every event.
     */
    public void refreshStats(String strategyId) {
        StatsCalculator.Tally tally = strategies.repository().statsTally(strategyId).flatMap(SignalService::tally)
                .orElse(StatsCalculator.Tally.EMPTY);
        StatsCalculator.Tally next = tally.apply(signals.eventsAfter(strategyId, tally.through()));
        strategies.repository().updateStats(strategyId, next.stats(), Json.write(next));
    }

    private static Optional<StatsCalculator.Tally> tally(String json) {
        try {
            return Optional.of(Json.MAPPER.readValue(json, StatsCalculator.Tally.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A signal its owner or a live subscriber of its strategy may read. */
    public Signal get(String callerId, String id) {
        Signal signal = signals.find(id).orElseThrow(() -> ApiException.notFound("No signal " + id));
        if (!signal.ownerId().equals(callerId) && !live(callerId, signal.strategyId())) {
            throw ApiException.forbidden("Only subscribers of the strategy may read its signals");
        }
        return signal;
    }

    private boolean live(String userId, String strategyId) {
        Instant now = clock.instant();
        return subscriptions.ofUserToStrategy(userId, strategyId).stream().anyMatch(s -> s.live(now));
    }

    private Signal ownedSignal(String callerId, String id) {
        Signal signal = signals.find(id).orElseThrow(() -> ApiException.notFound("No signal " + id));
        if (!signal.ownerId().equals(callerId)) {
            throw ApiException.forbidden("Only the strategy's owner may change its signals");
        }
        return signal;
    }

    /**
     * Signals of the caller's live subscriptions and own strategies, newest first. The cursor is the list key of the
     * last signal returned; each strategy is read from that point on and the results merged.
     */
    public Page<Signal> feed(String userId, String strategyFilter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "1 to " + MAX_PAGE)));
        }
        if (cursor != null && !cursor.matches("\\d{4}-[0-9T:.\\-Z]+#[0-9a-f\\-]{36}")) {
            throw ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this list returned");
        }
        Instant now = clock.instant();
        Set<String> strategyIds = new LinkedHashSet<>();
        for (Subscription subscription : subscriptions.ofUser(userId)) {
            if (subscription.live(now)) {
                strategyIds.add(subscription.strategyId());
            }
        }
        strategies.mine(userId).forEach(s -> strategyIds.add(s.id()));
        if (strategyFilter != null) {
            strategyIds.retainAll(Set.of(strategyFilter));
        }
        List<Signal> merged = new ArrayList<>();
        for (String strategyId : strategyIds) {
            merged.addAll(signals.ofStrategy(strategyId, cursor, limit + 1));
        }
        merged.sort(Comparator.comparing(SignalRepository::listingKey).reversed());
        List<Signal> page = merged.size() > limit ? merged.subList(0, limit) : merged;
        String next = merged.size() > limit ? SignalRepository.listingKey(page.get(page.size() - 1)) : null;
        return new Page<>(List.copyOf(page), next);
    }

    public record TrackRecord(String strategyId, long headSequence, String headHash, Verification verification,
                              List<TrackRecordEvent> events) {
    }

    /** The chain with its verification: anyone may check a public strategy's record. */
    public TrackRecord trackRecord(String viewerId, String strategyId) {
        strategies.get(strategyId, viewerId);
        SignalRepository.Head head = signals.head(strategyId);
        List<TrackRecordEvent> events = signals.events(strategyId);
        return new TrackRecord(strategyId, head.sequence(), head.hash(),
                Verification.of(events, head.sequence(), head.hash()), events);
    }

    static SignalStatus parseStatus(String raw) {
        try {
            return SignalStatus.valueOf(raw.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("status",
                    "one of TP_HIT, SL_HIT, CLOSED, CANCELLED")));
        }
    }

    /** The event payload: the signal's trading content as canonical strings (decimals exact, no floats). */
    static Map<String, Object> snapshot(Signal signal) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", signal.type());
        payload.put("pair", signal.pair());
        payload.put("exchange", signal.exchange());
        if (signal.timeframe() != null) {
            payload.put("timeframe", signal.timeframe());
        }
        payload.put("side", signal.side());
        payload.put("entryPrice", signal.entryPrice().toPlainString());
        payload.put("stopLoss", signal.stopLoss().toPlainString());
        List<Map<String, String>> targets = new ArrayList<>();
        for (TakeProfit level : signal.takeProfits()) {
            targets.add(Map.of("price", level.price().toPlainString(), "percent", level.percent().toPlainString()));
        }
        payload.put("takeProfits", targets);
        payload.put("leverage", Integer.toString(signal.leverage()));
        payload.put("status", signal.status().name());
        if (signal.exitPrice() != null) {
            payload.put("exitPrice", signal.exitPrice().toPlainString());
            payload.put("resultPercent", signal.resultPercent().toPlainString());
        }
        return payload;
    }
}
