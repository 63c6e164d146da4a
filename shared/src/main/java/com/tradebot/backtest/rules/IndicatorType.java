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
    ATR(false, "period"),
    /** Stochastic %K over high, low and close (Pine's ta.stoch(close, high, low, period)). */
    STOCH(false, "period"),
    /** Supertrend line of Pine's ta.supertrend(k, period) on the ATR of {@code period} bars. */
    SUPERTREND(false, "period", "k"),
    /** Supertrend direction: -1 in an up trend, +1 in a down trend (Pine's second tuple element). */
    SUPERTREND_DIR(false, "period", "k");

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
