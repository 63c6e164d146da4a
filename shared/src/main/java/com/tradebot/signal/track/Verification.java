package com.tradebot.signal.track;

import java.util.List;

/**
 * The result of checking a chain: {@code valid}, how many events were checked, and where it breaks
 * ({@code brokenAtSequence}: the first sequence number whose event is missing, altered or mislinked).
 */
public record Verification(boolean valid, long checkedEvents, Long brokenAtSequence, String reason) {

    /**
     * Walks {@code events} (sorted by sequence) from the genesis: sequences must run 1, 2, 3… without gaps, each
     * event's hash must be the hash of its content, each must link to the previous hash, and the last must be the
     * head the strategy recorded.
     */
    public static Verification of(List<TrackRecordEvent> events, long headSequence, String headHash) {
        String previous = TrackRecordEvent.GENESIS;
        long expected = 1;
        for (TrackRecordEvent event : events) {
            if (event.sequence() != expected) {
                return broken(expected - 1, expected, "event " + expected + " is missing (next stored is "
                        + event.sequence() + ")");
            }
            if (!previous.equals(event.previousHash())) {
                return broken(expected - 1, expected, "event " + expected + " does not link to the hash of event "
                        + (expected - 1));
            }
            if (!HashChain.hash(event).equals(event.hash())) {
                return broken(expected - 1, expected, "event " + expected + " was altered: its content does not "
                        + "match its hash");
            }
            previous = event.hash();
            expected++;
        }
        long last = expected - 1;
        if (last != headSequence) {
            return broken(last, last + 1, "the head is at event " + headSequence + " but the chain ends at " + last);
        }
        if (headSequence > 0 && !previous.equals(headHash)) {
            return broken(last, last, "the last event's hash differs from the recorded head hash");
        }
        return new Verification(true, last, null, null);
    }

    private static Verification broken(long checked, long at, String reason) {
        return new Verification(false, checked, at, reason);
    }
}
