package com.tradebot.backtest;

/** The job cannot succeed with this input (no data, too few bars): the state machine fails it without retrying. */
public final class JobInputException extends RuntimeException {
    public JobInputException(String message) {
        super(message, null, false, false);
    }
}
