package com.tradebot.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.optimize.Objective;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated backtest request. {@code document} is the request body as received (kept with the job so every task
 * of the state machine rebuilds the same spec); {@code definition} is the catalogue entry or the user's rule document.
 */
public record BacktestSpec(BacktestKind kind, JsonNode document, String strategy, StrategyDefinition definition,
                           Map<String, Double> parameters, String exchange, List<MarketSymbol> symbols,
                           List<Timeframe> timeframes, Instant from, Instant to, SimulationSettings settings,
                           Optimization optimization) {

    /** Sweep and walk-forward settings of an optimisation. */
    public record Optimization(List<String> vary, int steps, double range, Objective objective, int windows,
                               double inSampleFraction) {
    }

    /** One (symbol, timeframe) pair of a run or batch. */
    public record Slice(MarketSymbol symbol, Timeframe timeframe) {
    }

    public List<Slice> slices() {
        return symbols.stream().flatMap(s -> timeframes.stream().map(t -> new Slice(s, t))).toList();
    }
}
