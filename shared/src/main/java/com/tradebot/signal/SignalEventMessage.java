package com.tradebot.signal;

import com.tradebot.signal.track.TrackRecordEvent;
import java.time.Instant;

/**
 * The message on the signals SNS topic (schema in docs/signal-events.md): one per track-record event.
 * {@code eventId} ({@code <strategyId>:<sequence>}) is stable across redeliveries and republishing, so every consumer
 * drops duplicates by it; {@code hash} is the event's link in the strategy's hash chain.
 */
public record SignalEventMessage(int schemaVersion, String eventId, String strategyId, long sequence, String kind,
                                 Signal signal, String hash, String correlationId, Instant occurredAt) {
    public static final int SCHEMA_VERSION = 1;

    public static SignalEventMessage of(TrackRecordEvent event, Signal signal, String correlationId) {
        return new SignalEventMessage(SCHEMA_VERSION, event.eventId(), event.strategyId(), event.sequence(),
                event.kind(), signal, event.hash(), correlationId, Instant.parse(event.occurredAt()));
    }

    /** The WebSocket event name subscribers receive for this kind. */
    public String webSocketEvent() {
        return switch (kind) {
            case TrackRecordEvent.OPENED -> "signal_new";
            case TrackRecordEvent.UPDATED -> "signal_update";
            default -> "signal_closed";
        };
    }
}
