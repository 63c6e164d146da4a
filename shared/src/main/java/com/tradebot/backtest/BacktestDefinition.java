package com.tradebot.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a marketplace strategy is backtested as: a catalogue entry ({@code strategy} + {@code parameters}) or a rule
 * document ({@code rules} + {@code parameters}), plus optional simulation settings (direction, stop-loss, fees, ...).
 * Stored with the strategy ({@code backtest} field) and checked with the same rules as a backtest request, so a
 * stored definition always parses; the data window (symbol, timeframe, dates) is the caller's.
 */
public final class BacktestDefinition {
    /** The keys a definition may hold: the strategy and the simulation settings of a backtest request. */
    public static final Set<String> KEYS = Set.of("strategy", "rules", "parameters", "direction", "stopLoss",
            "takeProfit", "leverage", "sizing", "fees", "slippage", "initialCapital");
    static final int MAX_JSON = 20_000;

    private BacktestDefinition() {
    }

    /**
     * The definition as stored (a JSON object of {@link #KEYS}), or 400 VALIDATION_FAILED with every problem under
     * {@code field} (e.g. {@code backtest.rules/entryLong/gt/0}). An empty object means "no definition" (null).
     */
    public static Map<String, Object> validate(String field, Map<String, Object> definition) {
        if (definition == null || definition.isEmpty()) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String key : definition.keySet()) {
            if (!KEYS.contains(key)) {
                errors.add(new FieldError(field + "." + key, "unknown field (one of strategy, rules, parameters, "
                        + "direction, stopLoss, takeProfit, leverage, sizing, fees, slippage, initialCapital)"));
            }
        }
        if (Json.write(definition).length() > MAX_JSON) {
            throw ApiException.validation(List.of(new FieldError(field, "must be at most " + MAX_JSON
                    + " characters of JSON")));
        }
        ObjectNode probe = Json.MAPPER.valueToTree(definition);
        probe.retain(KEYS);
        probe.put("symbol", "BTC/USDT").put("timeframe", "1h"); // the window is the caller's; only the definition is checked
        try {
            BacktestRequests.parse(BacktestKind.RUN, probe);
        } catch (ApiException e) {
            for (FieldError f : e.details() == null ? List.<FieldError>of() : e.details()) {
                errors.add(new FieldError(field + "." + f.field(), f.message()));
            }
            if (e.details() == null || e.details().isEmpty()) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new LinkedHashMap<>(definition);
    }

    /** The definition as the start of a backtest request body. */
    public static ObjectNode toRequest(Map<String, Object> definition) {
        JsonNode node = Json.MAPPER.valueToTree(definition);
        return (ObjectNode) node;
    }
}
