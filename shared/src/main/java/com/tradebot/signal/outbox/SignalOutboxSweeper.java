package com.tradebot.signal.outbox;

import com.tradebot.common.Json;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.SignalEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Publishes signal events that were stored but never published (the publish failed, or the function died between
 * the write and the publish). Runs on a schedule. Only events older than {@code grace} are taken, so a request still
 * publishing its own event is left alone; each one is claimed before it is published, so overlapping sweeps publish it
 * once; the message is the one stored with the event, byte for byte, with its stable event id.
 */
public final class SignalOutboxSweeper {
    private static final Logger LOG = LogManager.getLogger(SignalOutboxSweeper.class);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    static final Duration CLAIM = Duration.ofSeconds(60);
    static final int BATCH_PER_SHARD = 100;

    private final SignalOutboxRepository outbox;
    private final SignalEventPublisher publisher;
    private final Clock clock;
    private final Duration grace;

    public SignalOutboxSweeper(SignalOutboxRepository outbox, SignalEventPublisher publisher, Clock clock,
                               Duration grace) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.grace = grace;
    }

    /** What one sweep did. */
    public record Result(int found, int published, int failed, int skipped) {
    }

    public Result sweep() {
        Instant now = clock.instant();
        int found = 0;
        int published = 0;
        int failed = 0;
        int skipped = 0;
        Instant until = now.plus(CLAIM);
        for (SignalOutboxRepository.Pending event : outbox.pendingBefore(now.minus(grace), BATCH_PER_SHARD)) {
            found++;
            if (!outbox.claim(event, now, until)) {
                skipped++;
                continue;
            }
            try {
                SignalEventMessage message = Json.MAPPER.readValue(event.messageJson(), SignalEventMessage.class);
                publisher.publish(message, event.messageJson());
            } catch (Exception e) {
                LOG.error("Republishing event {}:{} failed: {}", event.strategyId(), event.sequence(), e.toString());
                outbox.release(event, until); // the next sweep tries again (were this lost, the claim runs out)
                failed++;
                continue;
            }
            outbox.markPublished(event.strategyId(), event.sequence());
            LOG.info("Republished event {}:{} from the outbox (stored {})", event.strategyId(), event.sequence(),
                    event.occurredAt());
            published++;
        }
        return new Result(found, published, failed, skipped);
    }
}
