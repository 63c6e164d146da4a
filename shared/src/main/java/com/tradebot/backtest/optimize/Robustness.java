package com.tradebot.backtest.optimize;

import java.util.List;

/**
 * How much an optimum can be trusted, 0..100: half from neighbour stability (the objective of the sets one grid step
 * away, relative to the best set's: a sharp isolated peak scores low) and half from walk-forward efficiency (mean
 * out-of-sample objective over mean in-sample objective of each fold's chosen set: decay scores low). Without
 * walk-forward the score is the stability alone.
 */
public record Robustness(double score, double neighbourStability, Double walkForwardEfficiency) {

    public static double stability(double best, List<Double> neighbours) {
        if (!(best > 0) || neighbours.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (double n : neighbours) {
            sum += Double.isNaN(n) ? 0 : Math.min(1, Math.max(0, n / best));
        }
        return sum / neighbours.size();
    }

    public static double efficiency(List<Double> inSample, List<Double> outOfSample) {
        double is = inSample.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double oos = outOfSample.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (!(is > 0)) {
            return 0;
        }
        return Math.min(1, Math.max(0, oos / is));
    }

    public static Robustness of(double stability, Double efficiency) {
        double score = efficiency == null ? stability : 0.5 * stability + 0.5 * efficiency;
        return new Robustness(Math.round(score * 1000) / 10.0, stability, efficiency);
    }
}
