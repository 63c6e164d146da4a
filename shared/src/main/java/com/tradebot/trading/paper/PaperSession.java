package com.tradebot.trading.paper;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.backtest.BacktestResult;
import java.time.Instant;

/**
 * A paper-trading session. {@code mode} is {@code REPLAY} (stored candles, labelled as such in its results, ended when
 * started) or {@code LIVE} (closed candles fetched from the exchange on the 1-minute schedule while it is
 * {@code RUNNING}); {@code result} is the engine's output (trades, metrics with win rate and Sharpe, equity curve),
 * absent in listings. A live session keeps its start request in {@code request} (to rebuild the same strategy on each
 * tick) and its progress in {@code live}; {@code version} guards its updates.
 */
public record PaperSession(String id, String userId, String mode, String status, String strategy, String exchange,
                           String symbol, String timeframe, Replay replay, double initialCapital, int feeBps,
                           int slippageBps, Instant createdAt, Instant endedAt, BacktestResult result,
                           JsonNode request, Live live, Long version) {

    /** @param speed 0 = as fast as possible (the only speed offered so far) */
    public record Replay(Instant from, Instant to, int speed) {
    }

    /**
     * Progress of a live session. {@code startedAt}: no decision is taken on a candle closed before it (earlier
     * candles only warm the indicators up); {@code lastCandle}: open time of the newest closed candle evaluated;
     * {@code realisedPnl} over closed trades, {@code unrealisedPnl} of the open position marked to the last close
     * (both fees included, as for positions); {@code lastError} of the last tick that could not reach the exchange.
     */
    public record Live(Instant startedAt, Instant lastCandle, int candles, double equity, double realisedPnl,
                       double unrealisedPnl, OpenTrade openPosition, String lastError) {
    }

    /** The session's open position, marked to the last closed candle. */
    public record OpenTrade(String side, Instant entryTime, double entryPrice, double size, double markPrice,
                            double unrealisedPnl) {
    }

    @JsonIgnore
    public boolean isLive() {
        return "LIVE".equals(mode);
    }

    @JsonIgnore
    public boolean isRunning() {
        return "RUNNING".equals(status);
    }

    public PaperSession summary() {
        return new PaperSession(id, userId, mode, status, strategy, exchange, symbol, timeframe, replay,
                initialCapital, feeBps, slippageBps, createdAt, endedAt, null, null, live, version);
    }

    PaperSession evaluated(BacktestResult newResult, Live newLive) {
        return new PaperSession(id, userId, mode, status, strategy, exchange, symbol, timeframe, replay,
                initialCapital, feeBps, slippageBps, createdAt, endedAt, newResult, request, newLive, version);
    }

    PaperSession stopped(Instant at) {
        return new PaperSession(id, userId, mode, "STOPPED", strategy, exchange, symbol, timeframe, replay,
                initialCapital, feeBps, slippageBps, createdAt, at, result, request, live, version);
    }

    PaperSession withVersion(long newVersion) {
        return new PaperSession(id, userId, mode, status, strategy, exchange, symbol, timeframe, replay,
                initialCapital, feeBps, slippageBps, createdAt, endedAt, result, request, live, newVersion);
    }
}
