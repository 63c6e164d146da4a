package com.tradebot.trading.execution;

import com.tradebot.auth.User;
import com.tradebot.auth.UserRepository;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalRepository;
import com.tradebot.signal.SignalStatus;
import com.tradebot.subscription.Subscription;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.trading.exchange.Balance;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.KeyRight;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PositionStatus;
import com.tradebot.trading.position.PositionView;
import com.tradebot.trading.risk.AccountSnapshot;
import com.tradebot.trading.risk.ClientOrderIds;
import com.tradebot.trading.risk.OrderExecutor;
import com.tradebot.trading.risk.OrderPlan;
import com.tradebot.trading.risk.RiskDecision;
import com.tradebot.trading.risk.RiskManager;
import com.tradebot.trading.risk.SymbolRules;
import com.tradebot.trading.exchange.SymbolFilterCache;
import com.tradebot.trading.exchange.SymbolFilters;
import com.tradebot.trading.risk.TradeSignal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executor behind the executions FIFO queue: one {@link ExecutionRequest} (signal × subscription) becomes at most
 * one order. Checks, in order: an existing record (a redelivery does nothing), the subscription still live, auto-trade
 * still on, 2FA for LIVE, then the risk manager on the account as it is now, and finally {@link OrderExecutor} with a
 * DynamoDB execution log (conditional writes; the exchange is asked by clientOrderId before any new order). A
 * rejection is recorded with its reason and pushed to the user; an exchange failure throws so that SQS retries the
 * message and, after maxReceiveCount, parks it in the DLQ.
 */
public final class AutoTradeExecutor {
    private static final Logger LOG = LogManager.getLogger(AutoTradeExecutor.class);

    private final ExecutionSettingsRepository settings;
    private final SignalRepository signals;
    private final SubscriptionRepository subscriptions;
    private final UserRepository users;
    private final ExchangeGateway gateway;
    private final ExecutionRepository executions;
    private final PositionRepository positions;
    private final PositionEvents events;
    private final RiskManager riskManager = new RiskManager();
    private final OrderExecutor orderExecutor = new OrderExecutor();
    private final Clock clock;
    private final SymbolFilterCache filters;
    private final PositionService closer;

    public AutoTradeExecutor(ExecutionSettingsRepository settings, SignalRepository signals,
                             SubscriptionRepository subscriptions, UserRepository users,
                             ExchangeGateway gateway, ExecutionRepository executions, PositionRepository positions,
                             PositionEvents events, Clock clock) {
        this(settings, signals, subscriptions, users, gateway, executions, positions, events, clock, null);
    }

    /**
     * With {@code closer}: a position whose signal ended while its entry was being placed (after the signal was read,
     * before the order was recorded, so the signal's close may not have found it) is closed at once.
     */
    public AutoTradeExecutor(ExecutionSettingsRepository settings, SignalRepository signals,
                             SubscriptionRepository subscriptions, UserRepository users,
                             ExchangeGateway gateway, ExecutionRepository executions, PositionRepository positions,
                             PositionEvents events, Clock clock, PositionService closer) {
        this.closer = closer;
        this.settings = settings;
        this.signals = signals;
        this.subscriptions = subscriptions;
        this.users = users;
        this.gateway = gateway;
        this.executions = executions;
        this.positions = positions;
        this.events = events;
        this.clock = clock;
        this.filters = new SymbolFilterCache(gateway, clock);
    }

    /** What one request ended with. */
    public record Result(String outcome, String reason, String clientOrderId, String positionId) {
    }

    public Result execute(ExecutionRequest request) {
        Result result = executeEntry(request);
        if (closer != null && result.positionId() != null) {
            closeIfSignalEnded(request, result.positionId());
        }
        return result;
    }

    /** Also on a redelivery: an attempt that crashed between recording and this check left it undone. */
    private void closeIfSignalEnded(ExecutionRequest request, String positionId) {
        Signal now = signals.find(request.signalId()).orElse(null);
        if (now == null || now.status() == SignalStatus.ACTIVE) {
            return;
        }
        positions.find(positionId).filter(p -> p.status().live()).ifPresent(p -> {
            PositionService.SignalCloseOutcome outcome = closer.closeForSignal(p,
                    SignalCloseRequest.reasonFor(now.status()));
            LOG.info("Signal {} ended while its entry {} was placed: {}", request.signalId(), positionId, outcome);
        });
    }

    private Result executeEntry(ExecutionRequest request) {
        String clientOrderId = ClientOrderIds.entry(request.signalId(), request.userId());
        Optional<ExecutionRecord> existing = executions.find(clientOrderId);
        if (existing.isPresent()) {
            return new Result("ALREADY_" + existing.get().outcome(), existing.get().reason(), clientOrderId,
                    existing.get().positionId());
        }
        Optional<ExecutionSettings> found = settings.find(request.subscriptionId());
        Signal signal = signals.find(request.signalId()).orElse(null);
        if (signal == null || !"ENTRY".equals(signal.type())) {
            return reject(request, clientOrderId, null, "SIGNAL_NOT_EXECUTABLE", "The signal is gone or not an entry");
        }
        if (signal.status() != SignalStatus.ACTIVE) {
            // ended while queued: its close found no order to undo, so none may be placed now
            return reject(request, clientOrderId, null, "SIGNAL_ENDED", "The signal ended before it was executed");
        }
        if (found.isEmpty() || !found.get().autoTrade() || !found.get().userId().equals(request.userId())) {
            return reject(request, clientOrderId, null, "AUTO_TRADE_OFF", "Auto-trading is off for this subscription");
        }
        ExecutionSettings config = found.get();
        Optional<Subscription> subscription = subscriptions.find(request.subscriptionId());
        if (subscription.isEmpty() || !subscription.get().live(clock.instant())
                || !subscription.get().userId().equals(request.userId())) {
            return reject(request, clientOrderId, config, "SUBSCRIPTION_NOT_ACTIVE", "The subscription is not active");
        }
        if (config.mode() == ExecutionMode.LIVE
                && !users.findById(request.userId()).map(User::totpEnabled).orElse(false)) {
            return reject(request, clientOrderId, config, "TWO_FACTOR_REQUIRED",
                    "Real trading requires two-factor authentication; turn it on or switch to paper");
        }
        Market market = config.marketValue();
        Symbol symbol = Symbol.parse(signal.pair(), market);
        TradeSignal tradeSignal = new TradeSignal(signal.id(), signal.pair(), market,
                signal.buy() ? Side.BUY : Side.SELL, signal.entryPrice(), signal.stopLoss(), signal.takeProfit(),
                Math.max(1, signal.leverage()), signal.createdAt());
        String accountRef = accountRef(config);
        if (config.mode() == ExecutionMode.PAPER) {
            BigDecimal price = lastPrice(config.exchange(), symbol);
            TradingClient paper = new PaperExchange(symbol.quote(), config.paperEquity(), price);
            return decideAndPlace(request, clientOrderId, config, config.exchange(), tradeSignal, symbol, price,
                    signal.entryPrice(), accountRef, paper);
        }
        // the key's exchange comes with its credential: one vault read per execution
        return gateway.withAccount(request.userId(), config.exchangeKeyId(), market, KeyRight.TRADE,
                (exchange, client) -> decideAndPlace(request, clientOrderId, config, exchange, tradeSignal, symbol,
                        lastPrice(exchange, symbol), signal.entryPrice(), accountRef, client));
    }

    private Result decideAndPlace(ExecutionRequest request, String clientOrderId, ExecutionSettings config,
                                  String exchange, TradeSignal tradeSignal, Symbol symbol, BigDecimal price,
                                  BigDecimal entryPrice, String accountRef, TradingClient client) {
        SymbolRules rules = rules(exchange, symbol, entryPrice);
        AtomicReference<Position> opened = new AtomicReference<>();
        // execute() found no record of this clientOrderId just now: the log need not read it again
        OrderExecutor.ExecutionLog log = executions.log(request, config.mode().name(), (plan, order) -> {
            Position position = position(request, config, exchange, plan, order);
            opened.set(position);
            return position;
        }, clock, true);
        BigDecimal equity = client.balances(symbol.market()).stream()
                .filter(b -> b.asset().equals(symbol.quote())).map(Balance::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        AccountSnapshot account = account(request.userId(), accountRef, equity);
        RiskDecision decision = riskManager.evaluate(tradeSignal, request.userId(), config.riskSettings(), account,
                rules, price, clock.instant());
        if (decision instanceof RiskDecision.Rejected rejected) {
            return reject(request, clientOrderId, config, rejected.reason().name(), rejected.message());
        }
        OrderPlan plan = ((RiskDecision.Approved) decision).plan();
        OrderExecutor.Execution execution = orderExecutor.execute(plan, new FillReadingClient(client), log);
        LOG.info("Execution {} of signal {}: {} ({} {} {} @ {})", clientOrderId, request.signalId(),
                execution.outcome(), plan.side(), plan.quantity(), symbol, execution.order().averagePrice());
        // the position as this attempt recorded it (no read back); read only when an earlier attempt recorded it
        Optional<Position> recorded = opened.get() != null ? Optional.of(opened.get()) : positions.find(clientOrderId);
        recorded.ifPresent(p -> events.positionChanged(PositionView.of(p, price, clock.instant())));
        return new Result(execution.outcome().name(), null, clientOrderId, clientOrderId);
    }

    private Position position(ExecutionRequest request, ExecutionSettings config, String exchange, OrderPlan plan,
                              ExchangeOrder order) {
        boolean filled = order.state() == OrderState.FILLED || order.state() == OrderState.PARTIALLY_FILLED;
        BigDecimal quantity = filled && order.filledQuantity() != null && order.filledQuantity().signum() > 0
                ? order.filledQuantity() : plan.quantity();
        BigDecimal entry = filled && order.averagePrice() != null && order.averagePrice().signum() > 0
                ? order.averagePrice() : plan.limitPrice() != null ? plan.limitPrice() : order.limitPrice();
        Instant now = clock.instant();
        return new Position(plan.clientOrderId(), request.userId(), request.subscriptionId(), request.strategyId(),
                request.signalId(), config.mode().name(), exchange, config.exchangeKeyId(), plan.symbol().pair(),
                plan.symbol().market().code(), plan.side(), filled ? PositionStatus.OPEN : PositionStatus.PENDING_ENTRY,
                quantity, entry, plan.stopPrice(), plan.takeProfit(), plan.leverage(), order.exchangeOrderId(),
                order.state().name(), config.feeBps(), filled ? entryFeeCents(order, plan, entry, quantity,
                        config.feeBps()) : 0,
                null, null, null, null, now, null, filled ? null : plan.expiresAt(), null);
    }

    /**
     * The entry fee in quote cents: what the exchange charged for the fills when it said (in the quote asset, or in
     * the base asset at the fill price), else {@code feeBps} of the fill (an estimate; e.g. fees paid in BNB).
     */
    static long entryFeeCents(ExchangeOrder order, OrderPlan plan, BigDecimal price, BigDecimal quantity, int feeBps) {
        if (order.commission() != null && order.commissionAsset() != null) {
            BigDecimal inQuote = order.commissionAsset().equals(plan.symbol().quote()) ? order.commission()
                    : order.commissionAsset().equals(plan.symbol().base()) ? order.commission().multiply(price) : null;
            if (inQuote != null) {
                return inQuote.movePointRight(2).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            }
        }
        return Position.feeCents(price, quantity, feeBps);
    }

    /** Open positions on this account and today's realised loss, from the user's positions. */
    private AccountSnapshot account(String userId, String accountRef, BigDecimal equity) {
        Instant startOfDay = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        int open = 0;
        long realisedToday = 0;
        for (Position position : positions.ofUser(userId, 500)) {
            boolean sameAccount = accountRef.equals(position.exchangeKeyId() != null && "LIVE".equals(position.mode())
                    ? position.exchangeKeyId() : "paper");
            if (sameAccount && position.status().live()) {
                open++;
            }
            if (position.closedAt() != null && !position.closedAt().isBefore(startOfDay)
                    && position.realisedPnlCents() != null) {
                realisedToday += position.realisedPnlCents();
            }
        }
        return new AccountSnapshot(equity, open, Math.max(0, -realisedToday));
    }

    static String accountRef(ExecutionSettings config) {
        return config.mode() == ExecutionMode.LIVE ? config.exchangeKeyId() : "paper";
    }

    private BigDecimal lastPrice(String exchange, Symbol symbol) {
        try {
            return gateway.marketData(exchange).ticker(symbol).last();
        } catch (ExchangeException e) {
            if (e.error() == ExchangeError.NOT_SUPPORTED || e.error() == ExchangeError.INVALID_SYMBOL) {
                throw e;
            }
            // no price: the risk manager then enters with a limit inside the band instead of at market
            LOG.warn("No ticker for {} on {}: {}", symbol, exchange, e.error());
            return null;
        }
    }

    /**
     * The exchange's own filters (lot step, minimum quantity, tick, minimum notional; cached for an hour), also for
     * paper orders so they round as the real ones would; estimated from the price when the exchange cannot say.
     */
    private SymbolRules rules(String exchange, Symbol symbol, BigDecimal entryPrice) {
        SymbolRules estimate = rulesFor(entryPrice);
        Optional<SymbolFilters> read = filters.filters(exchange, symbol);
        if (read.isEmpty()) {
            LOG.warn("No symbol filters for {} on {}: rounding estimated from the price", symbol, exchange);
            return estimate;
        }
        SymbolFilters f = read.get();
        return new SymbolRules(f.stepSize() != null ? f.stepSize() : estimate.stepSize(),
                f.tickSize() != null ? f.tickSize() : estimate.tickSize(), f.minQuantity(), f.minNotional());
    }

    /** Lot step and tick as a fraction of the price (5 significant digits of price, 1e-5 of quantity). */
    static SymbolRules rulesFor(BigDecimal price) {
        int magnitude = price.precision() - price.scale() - 1;
        BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen(magnitude - 4);
        return new SymbolRules(new BigDecimal("0.00001"), tick, null, null);
    }

    private Result reject(ExecutionRequest request, String clientOrderId, ExecutionSettings config, String reason,
                          String message) {
        ExecutionRecord record = new ExecutionRecord(clientOrderId, request.userId(), request.subscriptionId(),
                request.strategyId(), request.signalId(), config == null ? null : config.mode().name(),
                ExecutionRecord.Outcome.REJECTED, reason, message, null, null, clock.instant());
        if (executions.recordRejection(record)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", "EXECUTION_REJECTED");
            details.put("signalId", request.signalId());
            details.put("subscriptionId", request.subscriptionId());
            details.put("reason", reason);
            details.put("message", message);
            events.executionRejected(request.userId(), details);
            LOG.info("Execution {} of signal {} rejected: {}", clientOrderId, request.signalId(), reason);
        }
        return new Result("REJECTED", reason, clientOrderId, null);
    }
}
