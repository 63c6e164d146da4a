package com.tradebot.backtest.advisor;

import java.util.Map;

/** Phrases an already-computed advisor answer in prose; when it cannot, the rule-based summary stands. */
public interface AdviceNarrator {
    /** Which provider wrote the text, shown as the answer's {@code narration}. */
    String name();

    Narration narrate(String question, Map<String, Object> answer);

    /** Either the accepted text, or why there is none (shown as {@code narrationUnavailable}). */
    record Narration(String text, String problem) {
        public static Narration accepted(String text) {
            return new Narration(text, null);
        }

        public static Narration refused(String problem) {
            return new Narration(null, problem);
        }
    }
}
