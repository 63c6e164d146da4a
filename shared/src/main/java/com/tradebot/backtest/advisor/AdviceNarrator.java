package com.tradebot.backtest.advisor;

import java.util.Map;

/** Phrases an already-computed advisor answer in prose; when it cannot, the rule-based summary stands. */
public interface AdviceNarrator {
    /** Which provider wrote the text, shown as the answer's {@code narration}. */
    String name();

    /**
     * @param session counts each model call against the per-answer turn limit and the caller's daily budget, and
     *                offers the read-only backtest tools (if any) the model may call; tool-tested changes are added
     *                to {@code answer}'s suggestions before the narration is checked against it
     */
    Narration narrate(String question, Map<String, Object> answer, NarrationSession session);

    /** One call, no tools, no daily budget (tests and tools-free use). */
    default Narration narrate(String question, Map<String, Object> answer) {
        return narrate(question, answer, NarrationSession.single());
    }

    /**
     * Either the accepted text, or why there is none (shown as {@code narrationUnavailable}). {@code cacheable} is
     * false when the reason is passing (a provider error, a rate limit, the caller's daily budget): such a fallback
     * must not be served from the 24-hour answer cache to everyone asking the same question afterwards.
     */
    record Narration(String text, String problem, boolean cacheable) {
        public static Narration accepted(String text) {
            return new Narration(text, null, true);
        }

        /** The model answered but its text failed {@link NarrationCheck}: as deterministic as the model is. */
        public static Narration refused(String problem) {
            return new Narration(null, problem, true);
        }

        /** No usable answer for a passing reason. */
        public static Narration unavailable(String problem) {
            return new Narration(null, problem, false);
        }
    }
}
