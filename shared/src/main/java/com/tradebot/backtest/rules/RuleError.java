package com.tradebot.backtest.rules;

/** One problem in a rule document; {@code path} is a JSON Pointer to the offending node, e.g. {@code /entryLong/and/1}. */
public record RuleError(String path, String message) {
}
