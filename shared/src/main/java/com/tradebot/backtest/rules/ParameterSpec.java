package com.tradebot.backtest.rules;

/** A tunable number of a strategy: default, inclusive range, and whether only whole values are allowed. */
public record ParameterSpec(String name, double defaultValue, double min, double max, boolean integer) {
    public boolean accepts(double value) {
        return !Double.isNaN(value) && value >= min && value <= max && (!integer || value == Math.rint(value));
    }
}
