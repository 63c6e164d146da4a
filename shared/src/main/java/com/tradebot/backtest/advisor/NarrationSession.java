package com.tradebot.backtest.advisor;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The cost bounds of one narrated answer: at most {@link #MAX_CALLS_PER_ANSWER} model calls (a tool turn is a call),
 * each also counted against the caller's daily LLM-call budget before it is made, and none started after
 * {@link #MAX_DURATION} (the answer has to fit in API Gateway's 29 s with the backtests before it and one call of at
 * most the client timeout after); and the read-only backtest tools the model may use, if any.
 */
public final class NarrationSession {
    public static final int MAX_CALLS_PER_ANSWER = 4;
    public static final Duration MAX_DURATION = Duration.ofSeconds(10);

    private final BooleanSupplier dailyBudget;
    private final AdvisorTools tools;
    private final int maxCalls;
    private final LongSupplier nanoTime;
    private final long deadline;
    private final Duration timeLimit;
    private int calls;

    /**
     * @param dailyBudget takes one call from the caller's daily budget, false when it is used up
     * @param tools       null when the model gets no tools
     */
    public NarrationSession(BooleanSupplier dailyBudget, AdvisorTools tools) {
        this(dailyBudget, tools, MAX_DURATION);
    }

    /** @param timeLimit no model call is started after it (tests on a loaded machine give more) */
    public NarrationSession(BooleanSupplier dailyBudget, AdvisorTools tools, Duration timeLimit) {
        this(dailyBudget, tools, MAX_CALLS_PER_ANSWER, System::nanoTime, timeLimit);
    }

    NarrationSession(BooleanSupplier dailyBudget, AdvisorTools tools, int maxCalls, LongSupplier nanoTime) {
        this(dailyBudget, tools, maxCalls, nanoTime, MAX_DURATION);
    }

    private NarrationSession(BooleanSupplier dailyBudget, AdvisorTools tools, int maxCalls, LongSupplier nanoTime,
                             Duration timeLimit) {
        this.dailyBudget = dailyBudget;
        this.tools = tools;
        this.maxCalls = maxCalls;
        this.nanoTime = nanoTime;
        this.timeLimit = timeLimit;
        this.deadline = nanoTime.getAsLong() + timeLimit.toNanos();
    }

    /** One call, no tools, no daily budget. */
    public static NarrationSession single() {
        return new NarrationSession(() -> true, null, 1, System::nanoTime);
    }

    /**
     * Counts the next model call; empty when it may be made, else why not (the caller then falls back).
     */
    public Optional<String> nextCall() {
        if (calls >= maxCalls) {
            return Optional.of("turn limit of " + maxCalls + " model calls reached");
        }
        if (nanoTime.getAsLong() - deadline > 0) {
            return Optional.of("time limit of " + timeLimit.toSeconds() + " s for the narration reached");
        }
        if (!dailyBudget.getAsBoolean()) {
            return Optional.of("daily LLM call limit reached");
        }
        calls++;
        return Optional.empty();
    }

    /** True when the call just counted is the last one allowed: the model must answer in text now. */
    public boolean lastCall() {
        return calls >= maxCalls;
    }

    public int calls() {
        return calls;
    }

    public Optional<AdvisorTools> tools() {
        return Optional.ofNullable(tools);
    }
}
