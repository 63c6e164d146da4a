package com.tradebot.backtest.rules;

import java.util.List;

/** Indicators the rule language offers, with their numeric arguments (all but {@code k} are whole bar counts). */
public enum IndicatorType {
    SMA(true, "period"),
    EMA(true, "period"),
    RSI(true, "period"),
    MACD(true, "fast", "slow"),
    STDDEV(true, "period"),
    BB_MIDDLE(true, "period"),
    BB_UPPER(true, "period", "k"),
    BB_LOWER(true, "period", "k"),
    HIGHEST(true, "period"),
    LOWEST(true, "period"),
    ROC(true, "period"),
    PREVIOUS(true, "bars"),
    ATR(false, "period");

    private final boolean takesInput;
    private final List<String> args;

    IndicatorType(boolean takesInput, String... args) {
        this.takesInput = takesInput;
        this.args = List.of(args);
    }

    public boolean takesInput() {
        return takesInput;
    }

    public List<String> args() {
        return args;
    }

    public boolean isWholeNumber(String arg) {
        return !arg.equals("k");
    }
}
