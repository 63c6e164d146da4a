package com.tradebot.signal.track;

import java.util.Map;

/**
 * One link of a strategy's hash chain: the {@code sequence}-th signal event of the strategy, its content
 * ({@code payload}: a snapshot of the signal as the event left it) and the SHA-256 {@code hash} over the canonical
 * JSON of everything else, which includes the previous event's hash.
 */
public record TrackRecordEvent(String strategyId, long sequence, String kind, String signalId, String occurredAt,
                               Map<String, Object> payload, String previousHash, String hash) {
    public static final String OPENED = "SIGNAL_OPENED";
    public static final String UPDATED = "SIGNAL_UPDATED";
    public static final String CLOSED = "SIGNAL_CLOSED";
    public static final String CANCELLED = "SIGNAL_CANCELLED";

    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    /** A new link after {@code previousHash}, with its hash computed. */
    public static TrackRecordEvent link(String strategyId, long sequence, String kind, String signalId,
                                        String occurredAt, Map<String, Object> payload, String previousHash) {
        TrackRecordEvent unsigned = new TrackRecordEvent(strategyId, sequence, kind, signalId, occurredAt, payload,
                previousHash, null);
        return new TrackRecordEvent(strategyId, sequence, kind, signalId, occurredAt, payload, previousHash,
                HashChain.hash(unsigned));
    }

    /** The event id every consumer uses to drop duplicates: stable across redeliveries. */
    public String eventId() {
        return strategyId + ":" + sequence;
    }
}
