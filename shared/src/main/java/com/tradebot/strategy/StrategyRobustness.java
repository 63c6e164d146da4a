package com.tradebot.strategy;

import java.time.Instant;

/**
 * How far a strategy's optimum can be trusted, from its owner's latest walk-forward optimisation (issue 16):
 * {@code score} 0..100, its two halves, the objective it was measured on and the backtest job it came from.
 */
public record StrategyRobustness(double score, double neighbourStability, Double walkForwardEfficiency,
                                 String objective, String backtestId, Instant measuredAt) {
}
