package com.tradebot.backtest.rules;

import java.util.List;

/** A rule document (or its parameter values) that does not parse or type-check. */
public final class RuleValidationException extends RuntimeException {
    private final List<RuleError> errors;

    public RuleValidationException(List<RuleError> errors) {
        super(errors.size() == 1 ? errors.get(0).path() + ": " + errors.get(0).message()
                : errors.size() + " problems, first " + errors.get(0).path() + ": " + errors.get(0).message(), null,
                false, false);
        this.errors = List.copyOf(errors);
    }

    public static RuleValidationException of(String path, String message) {
        return new RuleValidationException(List.of(new RuleError(path, message)));
    }

    public List<RuleError> errors() {
        return errors;
    }
}
