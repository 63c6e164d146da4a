package com.tradebot.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/strategies} and {@code PUT /api/strategies/{id}} (fields as the seed, plus
 * {@code backtest}: the strategy's backtest definition, checked by {@code BacktestDefinition}).
 */
public record StrategyDraft(String name, String description, String type, String category,
                            Map<String, Object> parameters, List<String> supportedPairs,
                            List<String> supportedTimeframes, BigDecimal monthlyPrice, Integer revenueSharePercent,
                            @JsonProperty("isActive") Boolean isActive, @JsonProperty("isPublic") Boolean isPublic, Integer maxLagSeconds,
                            Map<String, Object> backtest) {
    /** A draft without a backtest definition. */
    public StrategyDraft(String name, String description, String type, String category, Map<String, Object> parameters,
                         List<String> supportedPairs, List<String> supportedTimeframes, BigDecimal monthlyPrice,
                         Integer revenueSharePercent, Boolean isActive, Boolean isPublic, Integer maxLagSeconds) {
        this(name, description, type, category, parameters, supportedPairs, supportedTimeframes, monthlyPrice,
                revenueSharePercent, isActive, isPublic, maxLagSeconds, null);
    }
}
