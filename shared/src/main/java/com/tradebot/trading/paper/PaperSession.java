package com.tradebot.trading.paper;

import com.tradebot.backtest.BacktestResult;
import java.time.Instant;

/**
 * A paper-trading session. {@code mode} is {@code REPLAY} (stored candles, labelled as such in its results);
 * {@code result} is the engine's output (trades, metrics with win rate and Sharpe, equity curve), absent in listings.
 */
public record PaperSession(String id, String userId, String mode, String status, String strategy, String exchange,
                           String symbol, String timeframe, Replay replay, double initialCapital, int feeBps,
                           int slippageBps, Instant createdAt, Instant endedAt, BacktestResult result) {

    /** @param speed 0 = as fast as possible (the only speed offered so far) */
    public record Replay(Instant from, Instant to, int speed) {
    }

    public PaperSession summary() {
        return new PaperSession(id, userId, mode, status, strategy, exchange, symbol, timeframe, replay,
                initialCapital, feeBps, slippageBps, createdAt, endedAt, null);
    }
}
