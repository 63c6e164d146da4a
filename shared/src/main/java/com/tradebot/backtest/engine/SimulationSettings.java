package com.tradebot.backtest.engine;

/**
 * How orders are filled and sized. Rates are fractions (0.001 = 0.1 %). Signal entries/exits and stop-losses pay
 * {@code takerFee} and {@code slippage}; take-profits are resting limit orders and pay {@code makerFee} without slippage.
 * {@code stopLoss}/{@code takeProfit} are distances from the entry price as fractions (0 = none).
 */
public record SimulationSettings(double initialCapital, double makerFee, double takerFee, double slippage,
                                 double leverage, Sizing sizing, double sizingValue, double stopLoss,
                                 double takeProfit, Direction direction) {

    /** FRACTION: sizingValue of equity (× leverage); FIXED: sizingValue of quote currency (× leverage);
     *  RISK: lose sizingValue of equity if the stop is hit (needs stopLoss); UNITS: sizingValue units of the base. */
    public enum Sizing { FRACTION, FIXED, RISK, UNITS }

    public static SimulationSettings defaults() {
        return new SimulationSettings(10_000, 0.0002, 0.0004, 0.0001, 1, Sizing.FRACTION, 1, 0, 0, Direction.LONG);
    }

    /** Frictionless all-in long trading, to compare with ta4j's zero-cost model. */
    public static SimulationSettings frictionless(Sizing sizing, double value) {
        return new SimulationSettings(10_000, 0, 0, 0, 1, sizing, value, 0, 0, Direction.LONG);
    }

    public SimulationSettings withDirection(Direction d) {
        return new SimulationSettings(initialCapital, makerFee, takerFee, slippage, leverage, sizing, sizingValue,
                stopLoss, takeProfit, d);
    }
}
