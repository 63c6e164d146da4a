package com.tradebot.trading.risk;

import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.Symbol;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * Validates a signal for one follower against the subscription's settings and sizes the order from the stop
 * distance and the risk share of equity. Pure: no I/O, the same for live, paper and backtests.
 *
 * <p>Entry: followers are spread over a price band around the signal's entry (each follower's limit price is a
 * deterministic point of the band, from a hash of signal and user), so that they do not all hit one price and build
 * a wall on thin pairs. With {@code marketFirstEntry} the entry is a market order while the price is inside the
 * band. A price already outside the band, or a signal older than the time limit, is missed rather than chased.
 */
public final class RiskManager {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    public RiskDecision evaluate(TradeSignal signal, String userId, RiskSettings settings, AccountSnapshot account,
                                 SymbolRules rules, BigDecimal currentPrice, Instant now) {
        if (!settings.autoTrade()) {
            return reject(RejectReason.AUTO_TRADE_OFF, "Auto-trading is off for this subscription");
        }
        Symbol symbol = Symbol.parse(signal.pair(), signal.market());
        if (!settings.allowedPairs().isEmpty() && !settings.allowedPairs().contains(symbol.pair())) {
            return reject(RejectReason.PAIR_NOT_ALLOWED, symbol.pair() + " is not among the allowed pairs");
        }
        if (signal.market() == Market.SPOT && signal.side() == Side.SELL) {
            return reject(RejectReason.SHORT_ON_SPOT, "A spot account cannot open a short position");
        }
        if (signal.stopLoss() == null || signal.stopLoss().signum() <= 0) {
            return reject(RejectReason.STOP_MISSING, "The signal has no stop loss to size the order from");
        }
        BigDecimal entry = signal.entryPrice();
        if (!onLossSide(signal.side(), signal.stopLoss(), entry)) {
            return reject(RejectReason.STOP_ON_WRONG_SIDE, "The stop " + signal.stopLoss() + " is not "
                    + (signal.side() == Side.BUY ? "below" : "above") + " the entry " + entry);
        }
        int leverage = Math.max(1, signal.leverage());
        if (signal.market() == Market.SPOT && leverage > 1) {
            return reject(RejectReason.LEVERAGE_TOO_HIGH, "Spot trades take no leverage (signal asks " + leverage + "x)");
        }
        if (leverage > Math.max(1, settings.maxLeverage())) {
            return reject(RejectReason.LEVERAGE_TOO_HIGH, "Leverage " + leverage + "x is above the subscription's "
                    + "maximum of " + settings.maxLeverage() + "x");
        }
        if (account.openPositions() >= settings.maxOpenPositions()) {
            return reject(RejectReason.MAX_OPEN_POSITIONS, account.openPositions() + " positions are open; the "
                    + "maximum is " + settings.maxOpenPositions());
        }
        if (account.equity() == null || account.equity().signum() <= 0) {
            return reject(RejectReason.NO_EQUITY, "The account has no equity to risk");
        }
        Instant expiresAt = signal.issuedAt().plus(settings.entryTimeout());
        if (now.isAfter(expiresAt)) {
            return reject(RejectReason.MISSED_TIME_LIMIT, "The signal is older than the entry time limit of "
                    + settings.entryTimeout());
        }

        BigDecimal bandWidth = entry.multiply(BigDecimal.valueOf(settings.priceBandBps()))
                .divide(TEN_THOUSAND, MathContext.DECIMAL64);
        BigDecimal bandLow = rules.roundPrice(entry.subtract(bandWidth), false);
        BigDecimal bandHigh = rules.roundPrice(entry.add(bandWidth), true);
        if (currentPrice != null && (currentPrice.compareTo(bandLow) < 0 || currentPrice.compareTo(bandHigh) > 0)) {
            return reject(RejectReason.MISSED_PRICE_BAND, "The price " + currentPrice + " left the entry band "
                    + bandLow + "–" + bandHigh);
        }
        boolean buy = signal.side() == Side.BUY;
        OrderType entryType = settings.marketFirstEntry() && currentPrice != null ? OrderType.MARKET : OrderType.LIMIT;
        BigDecimal limitPrice = entryType == OrderType.LIMIT
                ? rules.roundPrice(spreadInBand(bandLow, bandHigh, signal.signalId(), userId), buy) : null;
        BigDecimal expectedFill = entryType == OrderType.MARKET ? currentPrice : limitPrice;
        if (!onLossSide(signal.side(), signal.stopLoss(), expectedFill)) {
            return reject(RejectReason.STOP_ON_WRONG_SIDE, "The stop " + signal.stopLoss() + " is not "
                    + (buy ? "below" : "above") + " the entry price " + expectedFill);
        }

        BigDecimal riskAmount = account.equity().multiply(settings.riskPercent()).divide(HUNDRED, 8, RoundingMode.DOWN);
        BigDecimal stopDistance = expectedFill.subtract(signal.stopLoss()).abs();
        BigDecimal byRisk = riskAmount.divide(stopDistance, 12, RoundingMode.DOWN);
        BigDecimal byMargin = account.equity().multiply(BigDecimal.valueOf(leverage))
                .divide(expectedFill, 12, RoundingMode.DOWN);
        BigDecimal quantity = rules.roundQuantity(byRisk.min(byMargin));
        if (quantity.signum() <= 0 || (rules.minQuantity() != null && quantity.compareTo(rules.minQuantity()) < 0)
                || (rules.minNotional() != null && quantity.multiply(expectedFill).compareTo(rules.minNotional()) < 0)) {
            return reject(RejectReason.SIZE_BELOW_MINIMUM, "Risking " + settings.riskPercent() + " % of "
                    + account.equity() + " gives " + quantity + ", below the exchange's minimum order");
        }
        BigDecimal actualRisk = quantity.multiply(stopDistance);
        long riskCents = actualRisk.multiply(HUNDRED).setScale(0, RoundingMode.CEILING).longValueExact();
        if (settings.dailyLossLimitCents() > 0
                && account.realisedLossTodayCents() + riskCents > settings.dailyLossLimitCents()) {
            return reject(RejectReason.DAILY_LOSS_LIMIT, "Today's loss " + cents(account.realisedLossTodayCents())
                    + " plus this trade's risk " + cents(riskCents) + " would pass the daily limit of "
                    + cents(settings.dailyLossLimitCents()));
        }
        return new RiskDecision.Approved(new OrderPlan(signal.signalId(), userId,
                ClientOrderIds.entry(signal.signalId(), userId), ClientOrderIds.stop(signal.signalId(), userId),
                symbol, signal.side(), entryType, quantity, limitPrice, signal.stopLoss(), signal.takeProfit(),
                leverage, bandLow, bandHigh, expiresAt, actualRisk.stripTrailingZeros()));
    }

    /** The follower's own point of the band: uniform over followers, the same for every retry of one follower. */
    static BigDecimal spreadInBand(BigDecimal low, BigDecimal high, String signalId, String userId) {
        long bucket = Integer.toUnsignedLong(hash(signalId + "|" + userId)) % 1001; // 0..1000 → 0.000..1.000
        return low.add(high.subtract(low).multiply(BigDecimal.valueOf(bucket)).divide(BigDecimal.valueOf(1000),
                MathContext.DECIMAL64));
    }

    private static int hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onLossSide(Side side, BigDecimal stop, BigDecimal price) {
        return side == Side.BUY ? stop.compareTo(price) < 0 : stop.compareTo(price) > 0;
    }

    private static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static RiskDecision reject(RejectReason reason, String message) {
        return new RiskDecision.Rejected(reason, message);
    }

    /** The rejection reason, if any: convenience for callers that only log. */
    public static Optional<RejectReason> reasonOf(RiskDecision decision) {
        return decision instanceof RiskDecision.Rejected rejected ? Optional.of(rejected.reason()) : Optional.empty();
    }
}
