package com.tradebot.signal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.common.Json;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalChange;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.SignalEventPublisher;
import com.tradebot.signal.SignalService;
import com.tradebot.strategy.Strategy;
import com.tradebot.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the real engine: an event whose publish failed is stored with its message, the request still
 * succeeds, and the sweeper publishes exactly that message once (again and concurrent sweeps find nothing); a published
 * event leaves the outbox, and recent events are left to the request that is still publishing them.
 */
class SignalOutboxTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final AtomicBoolean snsDown = new AtomicBoolean();
    private final List<String> onTopic = new CopyOnWriteArrayList<>();
    private final SignalEventPublisher topic = new SignalEventPublisher() {
        @Override
        public void publish(SignalEventMessage message) {
            publish(message, Json.write(message));
        }

        @Override
        public void publish(SignalEventMessage message, String json) {
            if (snsDown.get()) {
                throw new IllegalStateException("SNS unavailable");
            }
            onTopic.add(json);
        }
    };
    private final SignalService signals = new SignalService(f.signalRepository, f.strategies,
            f.subscriptionRepository, topic, f.clock);
    private final SignalOutboxRepository outbox = new SignalOutboxRepository(LocalDynamoDb.client(), f.table);

    private SignalOutboxSweeper sweeper(Duration grace) {
        return new SignalOutboxSweeper(outbox, topic, f.clock, grace);
    }

    @Test
    void anEventWhosePublishFailedIsPublishedOnceByTheSweeperWithItsStoredMessage() throws Exception {
        Strategy strategy = f.freeStrategy("provider-outbox");
        snsDown.set(true);
        Signal signal = signals.create("provider-outbox", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"),
                "corr-1");
        assertThat(signal.id()).as("the request succeeds: the event is stored").isNotBlank();
        assertThat(onTopic).isEmpty();

        // still within the grace period: left to the request that may still be publishing it
        assertThat(sweeper(Duration.ofSeconds(30)).sweep().found()).isZero();
        f.clock.advance(Duration.ofSeconds(31));

        assertThat(sweeper(Duration.ofSeconds(30)).sweep().failed()).as("SNS still down: tried, kept").isEqualTo(1);
        assertThat(onTopic).isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        snsDown.set(false);

        SignalOutboxSweeper.Result result = sweeper(Duration.ofSeconds(30)).sweep();
        assertThat(result.published()).isEqualTo(1);
        assertThat(onTopic).hasSize(1);
        SignalEventMessage message = Json.MAPPER.readValue(onTopic.get(0), SignalEventMessage.class);
        assertThat(message.eventId()).isEqualTo(strategy.id() + ":1");
        assertThat(message.signal().id()).isEqualTo(signal.id());
        assertThat(message.correlationId()).isEqualTo("corr-1");
        assertThat(message.hash()).isEqualTo(f.signalRepository.events(strategy.id()).get(0).hash());

        f.clock.advance(Duration.ofMinutes(5));
        assertThat(sweeper(Duration.ofSeconds(30)).sweep().found()).as("published once, then out").isZero();
        assertThat(onTopic).hasSize(1);
    }

    @Test
    void publishedEventsLeaveTheOutboxAndChangesGoThroughItToo() {
        Strategy strategy = f.freeStrategy("provider-outbox-2");
        Signal signal = signals.create("provider-outbox-2", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"),
                null);
        snsDown.set(true);
        signals.update("provider-outbox-2", signal.id(), new SignalChange(null, new BigDecimal("97"), null, null, null),
                null);
        snsDown.set(false);
        assertThat(onTopic).hasSize(1);

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(sweeper(Duration.ofSeconds(30)).sweep().published()).as("only the unpublished update").isEqualTo(1);
        assertThat(onTopic).hasSize(2);
        assertThat(onTopic.get(1)).contains("\"eventId\":\"" + strategy.id() + ":2\"", "SIGNAL_UPDATED");
    }

    @Test
    void overlappingSweepsPublishAnEventOnce() throws Exception {
        Strategy strategy = f.freeStrategy("provider-outbox-3");
        snsDown.set(true);
        for (int i = 0; i < 3; i++) {
            Signal s = signals.create("provider-outbox-3", MarketplaceFixture.buy(strategy.id(), "100", "95", "110"),
                    null);
            assertThat(s).isNotNull();
        }
        snsDown.set(false);
        f.clock.advance(Duration.ofMinutes(1));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> sweeper(Duration.ofSeconds(30)).sweep());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(onTopic).hasSize(3);
        assertThat(onTopic.stream().map(json -> json.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")).distinct())
                .hasSize(3);
    }
}
