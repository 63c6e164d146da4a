package com.tradebot.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OrderType;
import com.tradebot.trading.exchange.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per risk rule, and the sizing and band arithmetic. */
class RiskManagerTest {
    static final Instant ISSUED = Instant.parse("2026-12-04T12:00:00Z");
    static final SymbolRules RULES = new SymbolRules(new BigDecimal("0.001"), new BigDecimal("0.1"),
            new BigDecimal("0.001"), new BigDecimal("5"));

    private final RiskManager risk = new RiskManager();

    static TradeSignal buy(String entry, String stop) {
        return new TradeSignal("sig-1", "BTC/USDT", Market.SPOT, Side.BUY, new BigDecimal(entry),
                stop == null ? null : new BigDecimal(stop), null, 1, ISSUED);
    }

    static RiskSettings settings() {
        return new RiskSettings(true, "key-1", new BigDecimal("1"), 5, 3, 50_000, Set.of(), 20,
                Duration.ofMinutes(5), false);
    }

    static AccountSnapshot account() {
        return new AccountSnapshot(new BigDecimal("10000"), 0, 0);
    }

    private RiskDecision evaluate(TradeSignal signal, RiskSettings settings, AccountSnapshot account, String price) {
        return risk.evaluate(signal, "user-1", settings, account, RULES, price == null ? null : new BigDecimal(price),
                ISSUED.plusSeconds(10));
    }

    private static RejectReason reason(RiskDecision decision) {
        return RiskManager.reasonOf(decision).orElse(null);
    }

    private static OrderPlan plan(RiskDecision decision) {
        assertThat(decision).isInstanceOf(RiskDecision.Approved.class);
        return ((RiskDecision.Approved) decision).plan();
    }

    @Test
    void sizesFromTheStopDistanceAndTheRiskShareRoundedDownToTheLot() {
        OrderPlan plan = plan(evaluate(buy("50000", "49000"), settings(), account(), "50000"));
        // 1 % of 10 000 = 100 at risk; the limit lies in the band 49 900–50 100; 100 / (limit − 49 000) ≈ 0.09..0.11
        assertThat(plan.entryType()).isEqualTo(OrderType.LIMIT);
        assertThat(plan.limitPrice()).isBetween(new BigDecimal("49900"), new BigDecimal("50100"));
        BigDecimal expected = new BigDecimal("100").divide(plan.limitPrice().subtract(new BigDecimal("49000")), 3,
                java.math.RoundingMode.DOWN);
        assertThat(plan.quantity()).isEqualByComparingTo(expected);
        assertThat(plan.riskAmount()).isLessThanOrEqualTo(new BigDecimal("100"));
        assertThat(plan.quantity().scale()).isLessThanOrEqualTo(3);
        assertThat(plan.limitPrice().remainder(new BigDecimal("0.1"))).isEqualByComparingTo("0");
        assertThat(plan.stopOrder().side()).isEqualTo(Side.SELL);
        assertThat(plan.clientOrderId()).isEqualTo(ClientOrderIds.entry("sig-1", "user-1")).hasSize(32);
    }

    @Test
    void marketFirstEntryWhileThePriceIsInTheBand() {
        RiskSettings s = settings();
        RiskSettings market = new RiskSettings(true, "k", s.riskPercent(), 5, 3, 0, Set.of(), 20, s.entryTimeout(), true);
        OrderPlan plan = plan(evaluate(buy("50000", "49000"), market, account(), "50050"));
        assertThat(plan.entryType()).isEqualTo(OrderType.MARKET);
        assertThat(plan.quantity()).isEqualByComparingTo("0.095"); // 100 / (50 050 − 49 000) = 0.0952… → lot 0.001
    }

    @Test
    void leverageCapsTheSizeByMargin() {
        // a stop 10 away would ask for 10 BTC (500 000 notional); 10 000 equity at 1x buys 0.2 BTC
        RiskSettings s = settings();
        RiskSettings noBand = new RiskSettings(true, "k", s.riskPercent(), 5, 3, 0, Set.of(), 0, s.entryTimeout(), false);
        OrderPlan plan = plan(evaluate(buy("50000", "49990"), noBand, account(), null));
        assertThat(plan.limitPrice()).isEqualByComparingTo("50000");
        assertThat(plan.quantity()).isEqualByComparingTo("0.2");
    }

    @Test
    void autoTradeOff() {
        RiskSettings s = settings();
        RiskSettings off = new RiskSettings(false, "k", s.riskPercent(), 5, 3, 0, Set.of(), 20, s.entryTimeout(), false);
        assertThat(reason(evaluate(buy("50000", "49000"), off, account(), null))).isEqualTo(RejectReason.AUTO_TRADE_OFF);
    }

    @Test
    void pairMustBeAllowed() {
        RiskSettings s = settings();
        RiskSettings eth = new RiskSettings(true, "k", s.riskPercent(), 5, 3, 0, Set.of("ETH/USDT"), 20,
                s.entryTimeout(), false);
        assertThat(reason(evaluate(buy("50000", "49000"), eth, account(), null))).isEqualTo(RejectReason.PAIR_NOT_ALLOWED);
        RiskSettings btc = new RiskSettings(true, "k", s.riskPercent(), 5, 3, 0, Set.of("BTC/USDT"), 20,
                s.entryTimeout(), false);
        assertThat(evaluate(buy("50000", "49000"), btc, account(), null).approved()).isTrue();
    }

    @Test
    void stopMustBeOnTheLosingSide() {
        assertThat(reason(evaluate(buy("50000", "51000"), settings(), account(), null)))
                .isEqualTo(RejectReason.STOP_ON_WRONG_SIDE);
        assertThat(reason(evaluate(buy("50000", null), settings(), account(), null))).isEqualTo(RejectReason.STOP_MISSING);
        TradeSignal shortWithStopBelow = new TradeSignal("s", "BTC/USDT", Market.FUTURES, Side.SELL,
                new BigDecimal("50000"), new BigDecimal("49000"), null, 2, ISSUED);
        assertThat(reason(evaluate(shortWithStopBelow, settings(), account(), null)))
                .isEqualTo(RejectReason.STOP_ON_WRONG_SIDE);
        TradeSignal shortOk = new TradeSignal("s", "BTC/USDT", Market.FUTURES, Side.SELL,
                new BigDecimal("50000"), new BigDecimal("51000"), null, 2, ISSUED);
        OrderPlan plan = plan(evaluate(shortOk, settings(), account(), null));
        assertThat(plan.stopOrder().side()).isEqualTo(Side.BUY);
        assertThat(plan.stopOrder().reduceOnly()).isTrue();
    }

    @Test
    void aStopInsideTheBandCannotBeBelowTheFollowersEntry() {
        // stop 49 950 lies inside the band 49 900–50 100: followers entering low would have it above their entry
        Set<RejectReason> reasons = new HashSet<>();
        for (int user = 0; user < 50; user++) {
            RiskDecision decision = risk.evaluate(buy("50000", "49950"), "user-" + user, settings(), account(), RULES,
                    null, ISSUED);
            reasons.add(reason(decision));
        }
        assertThat(reasons).contains(RejectReason.STOP_ON_WRONG_SIDE);
    }

    @Test
    void noShortsOnSpotAndNoLeverageOnSpot() {
        TradeSignal spotShort = new TradeSignal("s", "BTC/USDT", Market.SPOT, Side.SELL, new BigDecimal("50000"),
                new BigDecimal("51000"), null, 1, ISSUED);
        assertThat(reason(evaluate(spotShort, settings(), account(), null))).isEqualTo(RejectReason.SHORT_ON_SPOT);
        TradeSignal spotLeveraged = new TradeSignal("s", "BTC/USDT", Market.SPOT, Side.BUY, new BigDecimal("50000"),
                new BigDecimal("49000"), null, 3, ISSUED);
        assertThat(reason(evaluate(spotLeveraged, settings(), account(), null))).isEqualTo(RejectReason.LEVERAGE_TOO_HIGH);
    }

    @Test
    void leverageWithinTheSubscriptionsMaximum() {
        TradeSignal tenX = new TradeSignal("s", "BTC/USDT", Market.FUTURES, Side.BUY, new BigDecimal("50000"),
                new BigDecimal("49000"), null, 10, ISSUED);
        assertThat(reason(evaluate(tenX, settings(), account(), null))).isEqualTo(RejectReason.LEVERAGE_TOO_HIGH);
        TradeSignal fiveX = new TradeSignal("s", "BTC/USDT", Market.FUTURES, Side.BUY, new BigDecimal("50000"),
                new BigDecimal("49000"), null, 5, ISSUED);
        assertThat(plan(evaluate(fiveX, settings(), account(), null)).leverage()).isEqualTo(5);
    }

    @Test
    void maxOpenPositions() {
        assertThat(reason(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(new BigDecimal("10000"), 3, 0),
                null))).isEqualTo(RejectReason.MAX_OPEN_POSITIONS);
        assertThat(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(new BigDecimal("10000"), 2, 0),
                null).approved()).isTrue();
    }

    @Test
    void dailyLossLimitCountsThisTradesRisk() {
        // limit 500.00; 420.00 lost today; this trade risks up to 100.00 → over the limit
        assertThat(reason(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(new BigDecimal("10000"), 0,
                42_000), null))).isEqualTo(RejectReason.DAILY_LOSS_LIMIT);
        assertThat(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(new BigDecimal("10000"), 0, 30_000),
                null).approved()).isTrue();
    }

    @Test
    void missedOutsideTheBandOrAfterTheTimeLimit() {
        assertThat(reason(evaluate(buy("50000", "49000"), settings(), account(), "50200")))
                .isEqualTo(RejectReason.MISSED_PRICE_BAND);
        assertThat(reason(risk.evaluate(buy("50000", "49000"), "u", settings(), account(), RULES, null,
                ISSUED.plus(Duration.ofMinutes(6))))).isEqualTo(RejectReason.MISSED_TIME_LIMIT);
    }

    @Test
    void tooSmallAnAccountForTheExchangeMinimum() {
        assertThat(reason(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(new BigDecimal("20"), 0, 0),
                null))).isEqualTo(RejectReason.SIZE_BELOW_MINIMUM);
        assertThat(reason(evaluate(buy("50000", "49000"), settings(), new AccountSnapshot(BigDecimal.ZERO, 0, 0),
                null))).isEqualTo(RejectReason.NO_EQUITY);
    }

    @Test
    void followersAreSpreadOverTheBandAndEachIsStable() {
        Set<BigDecimal> prices = new HashSet<>();
        for (int user = 0; user < 100; user++) {
            OrderPlan plan = plan(risk.evaluate(buy("50000", "49000"), "user-" + user, settings(), account(), RULES,
                    null, ISSUED));
            assertThat(plan.limitPrice()).isBetween(plan.bandLow(), plan.bandHigh());
            prices.add(plan.limitPrice());
            OrderPlan again = plan(risk.evaluate(buy("50000", "49000"), "user-" + user, settings(), account(), RULES,
                    null, ISSUED));
            assertThat(again).isEqualTo(plan);
        }
        assertThat(prices).hasSizeGreaterThan(80);
    }
}
