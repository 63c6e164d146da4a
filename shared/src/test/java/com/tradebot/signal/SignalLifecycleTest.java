package com.tradebot.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.common.ApiException;
import com.tradebot.signal.track.TrackRecordEvent;
import com.tradebot.storage.Attr;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyStats;
import com.tradebot.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignalLifecycleTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final Strategy strategy = f.freeStrategy("provider-1");

    @Test
    void onlyTheOwnerPublishesAndPricesMustBeOrderedBySide() {
        assertThatThrownBy(() -> f.signals.create("someone-else", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c"))
                .isInstanceOf(ApiException.class).extracting("status").isEqualTo(403);
        assertThatThrownBy(() -> f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "101", "110"), "c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiException.FieldError::field).containsExactly("stopLoss"));
        SignalDraft sell = new SignalDraft(strategy.id(), null, "ETHUSDT", null, "4h", "SELL", new BigDecimal("100"),
                new BigDecimal("95"), new BigDecimal("110"), null, 200, null, null);
        assertThatThrownBy(() -> f.signals.create("provider-1", sell, "c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiException.FieldError::field).containsExactly("leverage", "stopLoss", "takeProfit"));
        assertThat(f.published).isEmpty();
    }

    @Test
    void severalTakeProfitsMustSumTo100AndGiveAWeightedRiskReward() {
        SignalDraft levels = new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", null, null, "BUY",
                new BigDecimal("100"), new BigDecimal("90"), null,
                List.of(new TakeProfit(new BigDecimal("110"), new BigDecimal("50")),
                        new TakeProfit(new BigDecimal("130"), new BigDecimal("40"))), null, null, null);
        assertThatThrownBy(() -> f.signals.create("provider-1", levels, "c"))
                .hasMessageContaining("sum to 100");
        SignalDraft good = new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", null, null, "BUY",
                new BigDecimal("100"), new BigDecimal("90"), null,
                List.of(new TakeProfit(new BigDecimal("110"), new BigDecimal("50")),
                        new TakeProfit(new BigDecimal("130"), new BigDecimal("50"))), null, null, null);
        Signal signal = f.signals.create("provider-1", good, "c");
        assertThat(signal.riskRewardRatio()).isEqualByComparingTo("2.00"); // (10*50 + 30*50)/100 over 10
        assertThat(signal.takeProfit()).isEqualByComparingTo("110");
        assertThat(signal.sequence()).isEqualTo(1);
    }

    @Test
    void lifecycleIsExplicitAndEveryChangeIsPublishedWithAStableEventId() {
        Signal signal = f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "corr-1");
        Signal moved = f.signals.update("provider-1", signal.id(), new SignalChange(null, new BigDecimal("98"), null, null, null), "corr-2");
        assertThat(moved.stopLoss()).isEqualByComparingTo("98");
        Signal closed = f.signals.update("provider-1", signal.id(), new SignalChange("TP_HIT", null, null, null, new BigDecimal("110")), "corr-3");
        assertThat(closed.status()).isEqualTo(SignalStatus.TP_HIT);
        assertThat(closed.resultPercent()).isEqualByComparingTo("10");
        assertThatThrownBy(() -> f.signals.cancel("provider-1", signal.id(), "c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> f.signals.update("provider-1", signal.id(), new SignalChange(null, new BigDecimal("99"), null, null, null), "c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(f.published).extracting(SignalEventMessage::eventId)
                .containsExactly(strategy.id() + ":1", strategy.id() + ":2", strategy.id() + ":3");
        assertThat(f.published).extracting(SignalEventMessage::webSocketEvent)
                .containsExactly("signal_new", "signal_update", "signal_closed");
        assertThat(f.published.get(2).correlationId()).isEqualTo("corr-3");
    }

    @Test
    void statisticsComeFromTheEventsOnly() {
        // +10 % (R = 2), then -5 % (R = -1), then a cancelled one that does not count
        Signal win = f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "120"), "c");
        f.signals.update("provider-1", win.id(), new SignalChange("CLOSED", null, null, null, new BigDecimal("110")), "c");
        Signal loss = f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "120"), "c");
        f.signals.update("provider-1", loss.id(), new SignalChange("SL_HIT", null, null, null, new BigDecimal("95")), "c");
        Signal cancelled = f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "120"), "c");
        f.signals.cancel("provider-1", cancelled.id(), "c");

        StrategyStats stats = f.strategies.get(strategy.id(), null).stats();
        assertThat(stats.signals()).isEqualTo(3);
        assertThat(stats.closedSignals()).isEqualTo(2);
        assertThat(stats.winRate()).isEqualByComparingTo("50");
        assertThat(stats.averageR()).isEqualByComparingTo("0.50");
        assertThat(stats.cumulativeReturn()).isEqualByComparingTo("4.50"); // 1.10 * 0.95 = 1.045
        assertThat(stats.maxDrawdown()).isEqualByComparingTo("5.00");
        assertThat(stats.profitFactor()).isEqualByComparingTo("2.00");
        // the listing shows the same figures
        assertThat(f.strategies.list(Map.of()).items()).singleElement()
                .satisfies(listed -> assertThat(listed.stats().winRate()).isEqualByComparingTo("50"));
    }

    @Test
    void eachCloseAddsItsOwnEventsToTheStoredTallyAndMatchesARecomputationFromEveryEvent() {
        java.util.Random random = new java.util.Random(7);
        List<Signal> open = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (open.isEmpty() || random.nextInt(3) > 0) {
                boolean buy = random.nextBoolean();
                open.add(f.signals.create("provider-1", buy ? MarketplaceFixture.buy(strategy.id(), "100", "95", "120")
                        : new SignalDraft(strategy.id(), "ENTRY", "ETH/USDT", "binance", "1h", "SELL",
                                new BigDecimal("100"), new BigDecimal("104"), new BigDecimal("90"), null, 2, null,
                                Map.of()), "c"));
                continue;
            }
            Signal signal = open.remove(random.nextInt(open.size()));
            switch (random.nextInt(3)) {
                case 0 -> f.signals.cancel("provider-1", signal.id(), "c");
                case 1 -> f.signals.update("provider-1", signal.id(), new SignalChange("CLOSED", null, null, null,
                        new BigDecimal(90 + random.nextInt(25) + "." + random.nextInt(100))), "c");
                default -> f.signals.update("provider-1", signal.id(), new SignalChange("SL_HIT", null, null, null,
                        signal.stopLoss()), "c");
            }
            StrategyStats stored = f.strategies.get(strategy.id(), null).stats();
            List<TrackRecordEvent> events = f.signalRepository.events(strategy.id());
            assertThat(stored).isEqualTo(com.tradebot.signal.track.StatsCalculator.compute(events));
            assertThat(stored.throughSequence()).isEqualTo(events.get(events.size() - 1).sequence());
        }
        assertThat(f.strategies.get(strategy.id(), null).stats().closedSignals()).isGreaterThan(3);

        // a close reads only the events after the stored tally: the first opening (of a signal closed since) deleted
        // behind the API's back, which the track record reports, does not change the figures of the next close
        List<TrackRecordEvent> untouched = new java.util.ArrayList<>(f.signalRepository.events(strategy.id()));
        assertThat(untouched.stream().filter(e -> e.signalId().equals(untouched.get(0).signalId()))).hasSize(2);
        LocalDynamoDb.client().deleteItem(b -> b.tableName(f.table).key(SignalRepository.eventKey(strategy.id(), 1)));
        Signal next = f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "120"), "c");
        f.signals.update("provider-1", next.id(), new SignalChange("CLOSED", null, null, null, new BigDecimal("110")), "c");
        untouched.addAll(f.signalRepository.eventsAfter(strategy.id(), untouched.get(untouched.size() - 1).sequence()));
        StrategyStats after = f.strategies.get(strategy.id(), null).stats();
        assertThat(after).isEqualTo(com.tradebot.signal.track.StatsCalculator.compute(untouched))
                .isNotEqualTo(com.tradebot.signal.track.StatsCalculator.compute(f.signalRepository.events(strategy.id())));
        assertThat(f.signals.trackRecord(null, strategy.id()).verification().brokenAtSequence()).isEqualTo(1);
    }

    @Test
    void theChainVerifiesAndReportsExactlyWhereItWasTamperedWith() {
        for (int i = 0; i < 4; i++) {
            f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c");
        }
        SignalService.TrackRecord clean = f.signals.trackRecord(null, strategy.id());
        assertThat(clean.verification().valid()).isTrue();
        assertThat(clean.verification().checkedEvents()).isEqualTo(4);
        assertThat(clean.headHash()).isEqualTo(clean.events().get(3).hash());
        assertThat(clean.events().get(1).previousHash()).isEqualTo(clean.events().get(0).hash());

        // rewrite event 2's entry price behind the API's back
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = SignalRepository.eventKey(strategy.id(), 2);
        String payload = LocalDynamoDb.client().getItem(b -> b.tableName(f.table).key(key)).item().get("payload").s();
        LocalDynamoDb.client().updateItem(b -> b.tableName(f.table).key(key).updateExpression("SET payload = :p")
                .expressionAttributeValues(Map.of(":p", Attr.s(payload.replace("\"entryPrice\":\"100\"", "\"entryPrice\":\"90\"")))));
        SignalService.TrackRecord rewritten = f.signals.trackRecord(null, strategy.id());
        assertThat(rewritten.verification().valid()).isFalse();
        assertThat(rewritten.verification().brokenAtSequence()).isEqualTo(2);
        assertThat(rewritten.verification().reason()).contains("altered");

        // delete event 3
        LocalDynamoDb.client().putItem(b -> b.tableName(f.table).item(Map.of("PK", key.get("PK"), "SK", key.get("SK"),
                "Type", Attr.s("TrackRecordEvent"), "sequence", Attr.n(2), "kind", Attr.s(clean.events().get(1).kind()),
                "signalId", Attr.s(clean.events().get(1).signalId()), "occurredAt", Attr.s(clean.events().get(1).occurredAt()),
                "payload", Attr.s(payload), "previousHash", Attr.s(clean.events().get(1).previousHash()),
                "hash", Attr.s(clean.events().get(1).hash()))));
        assertThat(f.signals.trackRecord(null, strategy.id()).verification().valid()).isTrue();
        LocalDynamoDb.client().deleteItem(b -> b.tableName(f.table).key(SignalRepository.eventKey(strategy.id(), 3)));
        SignalService.TrackRecord deleted = f.signals.trackRecord(null, strategy.id());
        assertThat(deleted.verification().valid()).isFalse();
        assertThat(deleted.verification().brokenAtSequence()).isEqualTo(3);
        assertThat(deleted.verification().reason()).contains("missing");
    }

    @Test
    void concurrentSignalsOnOneStrategyMakeOneChainWithoutGapsOrForks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Signal>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> f.signals.create("provider-1",
                        MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c")));
            }
            for (Future<Signal> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        SignalService.TrackRecord record = f.signals.trackRecord(null, strategy.id());
        assertThat(record.verification().valid()).isTrue();
        assertThat(record.events()).extracting(TrackRecordEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(f.published).hasSize(12);
    }

    @Test
    void theFeedShowsSignalsOfLiveSubscriptionsOnlyAndPagesByCursor() {
        Strategy other = f.freeStrategy("provider-2");
        f.subscriptions.subscribe("user-1", strategy.id());
        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.signals.create("provider-1", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"), "c");
            f.signals.create("provider-2", MarketplaceFixture.buy(other.id(), "100", "95", "110"), "c");
        }
        var first = f.signals.feed("user-1", null, null, 2);
        assertThat(first.items()).hasSize(2).allMatch(s -> s.strategyId().equals(strategy.id()));
        var second = f.signals.feed("user-1", null, first.nextCursor(), 2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
        assertThat(f.signals.feed("provider-2", null, null, 10).items()).hasSize(3);
        assertThatThrownBy(() -> f.signals.get("user-1", f.signals.feed("provider-2", null, null, 1).items().get(0).id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void indicatorTextThatSubscribersSeeMayNotHoldControlOrBidiCharacters() {
        SignalDraft spoofed = new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", null, null, "BUY",
                new BigDecimal("100"), new BigDecimal("90"), new BigDecimal("110"), null, null, null,
                java.util.Map.of("reason", "breakout\u202e"));
        assertThatThrownBy(() -> f.signals.create("provider-1", spoofed, "c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiException.FieldError::field).containsExactly("indicators"));
        assertThat(f.published).isEmpty();
    }
}
