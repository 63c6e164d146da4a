package com.tradebot.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/strategies} and {@code PUT /api/strategies/{id}} (fields as the seed). */
public record StrategyDraft(String name, String description, String type, String category,
                            Map<String, Object> parameters, List<String> supportedPairs,
                            List<String> supportedTimeframes, BigDecimal monthlyPrice, Integer revenueSharePercent,
                            @JsonProperty("isActive") Boolean isActive, @JsonProperty("isPublic") Boolean isPublic, Integer maxLagSeconds) {
}
