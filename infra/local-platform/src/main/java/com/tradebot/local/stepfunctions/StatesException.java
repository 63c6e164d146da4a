package com.tradebot.local.stepfunctions;

/** A Step Functions error as ASL sees it: an error name (matched by Retry/Catch) and a cause text. */
public class StatesException extends Exception {
    private final String error;
    private final String cause;

    public StatesException(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
