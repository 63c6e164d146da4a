package com.tradebot.trading.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry signals become one request per auto-trading subscription, grouped by account, deduplicated by signal. */
class AutoTradeDispatcherTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final ExecutionSettingsRepository settings = new ExecutionSettingsRepository(LocalDynamoDb.client(), f.table);
    private final List<ExecutionRequest> queued = new ArrayList<>();
    private final AutoTradeDispatcher dispatcher = new AutoTradeDispatcher(settings,
            new ExecutionRepository(LocalDynamoDb.client(), f.table,
                    new com.tradebot.trading.position.PositionRepository(LocalDynamoDb.client(), f.table)),
            new ExecutionQueue() {
                @Override
                public int send(List<ExecutionRequest> requests) {
                    queued.addAll(requests);
                    return 1;
                }

                @Override
                public int sendCloses(List<SignalCloseRequest> requests) {
                    throw new AssertionError("no orders on the signal: nothing to close");
                }
            });

    private ExecutionSettings settings(String subscriptionId, String userId, String strategyId, boolean on,
                                       ExecutionMode mode, String keyId) {
        return new ExecutionSettings(subscriptionId, userId, strategyId, on, mode, keyId, "binance", "spot",
                BigDecimal.ONE, 1, 5, 0, List.of(), 20, 60, true, BigDecimal.TEN, 10, Instant.now());
    }

    @Test
    void onlyAutoTradersOfTheStrategyGetRequestsAndOnlyForNewEntries() {
        String strategyId = f.freeStrategy("provider-9").id();
        settings.save(settings("sub-a", "user-a", strategyId, true, ExecutionMode.LIVE, "key-1"));
        settings.save(settings("sub-b", "user-b", strategyId, true, ExecutionMode.PAPER, null));
        settings.save(settings("sub-c", "user-c", strategyId, false, ExecutionMode.PAPER, null));
        settings.save(settings("sub-d", "user-d", "another-strategy", true, ExecutionMode.PAPER, null));
        settings.save(settings("sub-p", "provider-9", strategyId, true, ExecutionMode.PAPER, null));
        Signal signal = f.signals.create("provider-9", MarketplaceFixture.buy(strategyId, "100", "95", "110"), "corr-9");
        SignalEventMessage opened = f.published.get(0);

        assertThat(dispatcher.dispatch(opened)).isEqualTo(2);
        assertThat(queued).extracting(ExecutionRequest::subscriptionId).containsExactlyInAnyOrder("sub-a", "sub-b");
        ExecutionRequest live = queued.stream().filter(r -> r.subscriptionId().equals("sub-a")).findFirst().orElseThrow();
        assertThat(live.messageGroupId()).isEqualTo("user-a#key-1");
        assertThat(live.signalId()).isEqualTo(signal.id());
        assertThat(live.correlationId()).isEqualTo("corr-9");
        assertThat(live.deduplicationId()).hasSize(64)
                .isEqualTo(new ExecutionRequest(signal.id(), "sub-a", "user-a", strategyId, "key-1", "other")
                        .deduplicationId())
                .isNotEqualTo(new ExecutionRequest("other-signal", "sub-a", "user-a", strategyId, "key-1", null)
                        .deduplicationId());

        settings.save(settings("sub-b", "user-b", strategyId, false, ExecutionMode.PAPER, null));
        queued.clear();
        f.signals.cancel("provider-9", signal.id(), "corr-10");
        SignalEventMessage cancelled = f.published.get(f.published.size() - 1);
        assertThat(dispatcher.dispatch(cancelled)).isZero();
        assertThat(dispatcher.dispatch(opened)).isEqualTo(1); // sub-b turned off: its GSI entry is gone
    }
}
