package com.tradebot.backtest.optimize;

import com.tradebot.backtest.engine.Metrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an optimisation maximises. */
public enum Objective {
    SHARPE_RATIO("sharpeRatio"),
    SORTINO_RATIO("sortinoRatio"),
    ROI("roi"),
    CAGR("cagr"),
    PROFIT_FACTOR("profitFactor"),
    EXPECTANCY("expectancy"),
    WIN_RATE("winRate");

    private final String field;

    Objective(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static Optional<Objective> find(String name) {
        return Arrays.stream(values()).filter(o -> o.field.equalsIgnoreCase(name)
                || o.name().equalsIgnoreCase(name.replace('-', '_'))).findFirst();
    }

    /** The figure to maximise; a run without trades scores 0 so that doing nothing never wins by default. */
    public double of(Metrics m) {
        if (m.totalTrades() == 0) {
            return 0;
        }
        return switch (this) {
            case SHARPE_RATIO -> m.sharpeRatio();
            case SORTINO_RATIO -> m.sortinoRatio();
            case ROI -> m.roi();
            case CAGR -> m.cagr();
            case PROFIT_FACTOR -> m.profitFactor() == null ? (m.netProfit() > 0 ? 100 : 0) : Math.min(100, m.profitFactor());
            case EXPECTANCY -> m.expectancy();
            case WIN_RATE -> m.winRate();
        };
    }

    @Override
    public String toString() {
        return field.toLowerCase(Locale.ROOT);
    }
}
