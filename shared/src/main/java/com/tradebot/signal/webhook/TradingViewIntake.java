package com.tradebot.signal.webhook;

import com.tradebot.common.ApiException;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalChange;
import com.tradebot.signal.SignalDraft;
import com.tradebot.signal.SignalRepository;
import com.tradebot.signal.SignalRules;
import com.tradebot.signal.SignalService;
import com.tradebot.signal.SignalStatus;
import com.tradebot.signal.track.HashChain;
import com.tradebot.strategy.Pairs;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/tradingview/{strategyId}}: authenticates the alert by the strategy's passphrase (constant
 * time), refuses stale alerts, turns buy/sell into a new signal and close/update into a change of the newest open
 * signal on the ticker, and logs every delivery for the provider. It answers after persisting and publishing to
 * the signals topic; fan-out happens downstream, never inline, so TradingView's 3-second window is never at risk.
 */
public final class TradingViewIntake {
    /** The same alert within this window makes one signal. */
    public static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(10);

    private final StrategyRepository strategies;
    private final SignalService signals;
    private final WebhookDeliveryRepository deliveries;
    private final Clock clock;

    public TradingViewIntake(StrategyRepository strategies, SignalService signals,
                             WebhookDeliveryRepository deliveries, Clock clock) {
        this.strategies = strategies;
        this.signals = signals;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** What the webhook answers: the signal the alert made or changed, and whether it was a repeat. */
    public record Outcome(String signalId, String outcome) {
    }

    public Outcome receive(String strategyId, String body, String correlationId) {
        Instant now = clock.instant();
        StrategyRepository.IntakeView view = strategies.findForIntake(strategyId)
                .filter(v -> !v.strategy().deleted())
                .orElseThrow(() -> ApiException.notFound("No strategy " + strategyId));
        TradingViewAlert alert = null;
        try {
            alert = TradingViewAlert.parse(body);
            if (!samePassphrase(view.passphrase(), alert.passphrase())) {
                throw ApiException.unauthorized("Wrong passphrase");
            }
            checkFresh(alert, view.strategy(), now);
            Outcome outcome = apply(view.strategy(), alert, now, correlationId,
                    new SignalRepository.Head(view.headSequence(), view.headHash()));
            log(strategyId, now, outcome.outcome(), 200, null, alert, outcome.signalId());
            return outcome;
        } catch (ApiException e) {
            log(strategyId, now, WebhookDelivery.REJECTED, e.status(), e.getMessage(), alert, null);
            throw e;
        }
    }

    public List<WebhookDelivery> deliveries(String strategyId) {
        return deliveries.latest(strategyId);
    }

    /** Compares digests of both, so neither the time taken nor an early exit tells how much of a guess matched. */
    static boolean samePassphrase(String expected, String given) {
        if (given == null || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(HashChain.sha256Hex(expected).getBytes(StandardCharsets.US_ASCII),
                HashChain.sha256Hex(given).getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkFresh(TradingViewAlert alert, Strategy strategy, Instant now) {
        if (alert.time() == null || alert.time().isBlank()) {
            return;
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(alert.time().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw TradingViewAlert.unparsable("time is not an ISO-8601 time like 2026-12-01T10:00:00Z");
        }
        long lagSeconds = Duration.between(sent, now).getSeconds();
        if (Math.abs(lagSeconds) > strategy.maxLagSeconds()) {
            throw ApiException.badRequest("STALE_ALERT", "The alert's time is " + lagSeconds
                    + " s from now; this strategy accepts at most " + strategy.maxLagSeconds() + " s");
        }
    }

    private Outcome apply(Strategy strategy, TradingViewAlert alert, Instant now, String correlationId,
                          SignalRepository.Head head) {
        if (alert.action() == null) {
            throw TradingViewAlert.unparsable("action is missing (buy, sell, close or update)");
        }
        String pair = Pairs.normalise(alert.ticker())
                .orElseThrow(() -> TradingViewAlert.unparsable("ticker is missing or not a pair like BTCUSDT"));
        return switch (alert.action()) {
            case "buy", "sell", "long", "short" -> open(strategy, alert, pair, now, correlationId, head);
            case "close", "exit" -> {
                Signal open = openSignal(strategy, pair);
                if (alert.price() == null) {
                    throw TradingViewAlert.unparsable("price is required to close");
                }
                yield new Outcome(signals.close(open, SignalStatus.CLOSED, alert.price(), correlationId).id(),
                        WebhookDelivery.ACCEPTED);
            }
            case "update" -> {
                Signal open = openSignal(strategy, pair);
                yield new Outcome(signals.amend(open, new SignalChange(null, alert.stopLoss(), alert.takeProfit(),
                        null, null), correlationId).id(), WebhookDelivery.ACCEPTED);
            }
            default -> throw TradingViewAlert.unparsable("action must be buy, sell, close or update");
        };
    }

    private Outcome open(Strategy strategy, TradingViewAlert alert, String pair, Instant now, String correlationId,
                         SignalRepository.Head head) {
        String side = alert.action().equals("buy") || alert.action().equals("long") ? "BUY" : "SELL";
        SignalRules.Validated valid = SignalRules.validate(new SignalDraft(strategy.id(), "ENTRY", pair, null,
                strategy.supportedTimeframes().isEmpty() ? null : strategy.supportedTimeframes().get(0), side,
                alert.price(), alert.stopLoss(), alert.takeProfit(), null, null, null, null));
        Map<String, Object> indicators = new LinkedHashMap<>(alert.extra());
        String bodyHash = HashChain.sha256Hex(strategy.id() + "\n" + alert.identity());
        SignalRepository.AlertKey key = new SignalRepository.AlertKey(bodyHash, now, now.plus(DEDUPLICATION_WINDOW));
        try {
            return new Outcome(signals.open(strategy, valid, indicators, "TRADINGVIEW", key, correlationId, head).id(),
                    WebhookDelivery.ACCEPTED);
        } catch (SignalService.DuplicateAlert duplicate) {
            // nothing is published again: an event whose first publish was lost is still in the outbox, and the
            // outbox sweeper publishes it (republishing here pushed every delivered signal to subscribers twice)
            return new Outcome(duplicate.signalId(), WebhookDelivery.DUPLICATE);
        }
    }

    private Signal openSignal(Strategy strategy, String pair) {
        return signals.repository().latestOpen(strategy.id(), pair)
                .orElseThrow(() -> ApiException.conflict("NO_OPEN_SIGNAL", "No open signal on " + pair + " to change"));
    }

    private void log(String strategyId, Instant now, String outcome, int status, String reason,
                     TradingViewAlert alert, String signalId) {
        deliveries.record(strategyId, new WebhookDelivery(now, outcome, status, reason,
                alert == null ? null : alert.action(), alert == null ? null : alert.ticker(), signalId));
    }
}
