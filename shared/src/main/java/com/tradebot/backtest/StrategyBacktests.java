package com.tradebot.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.strategy.Strategy;
import com.tradebot.strategy.StrategyRepository;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one place a {@code strategyId} in a backtest-like request (run, batch, optimise, advisor, paper replay) becomes
 * a backtest request: the marketplace strategy's stored {@code backtest} definition, with the caller's window
 * (symbol, timeframe, dates) and any settings the caller gives on top ({@code parameters} merged key by key).
 * Visible strategies only (public, or the caller's own); none without a definition (400 NO_BACKTEST_DEFINITION).
 */
public final class StrategyBacktests {
    private final StrategyRepository strategies;

    public StrategyBacktests(StrategyRepository strategies) {
        this.strategies = strategies;
    }

    /** A request, and the marketplace strategy it came from (null when the body named no strategyId). */
    public record Resolved(ObjectNode request, Strategy strategy) {
        public boolean fromStrategy() {
            return strategy != null;
        }
    }

    /** {@code body} unchanged (copied) without a strategyId, else the strategy's definition under the body's fields. */
    public Resolved resolve(String userId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        JsonNode id = body.get("strategyId");
        if (id == null || id.isNull()) {
            return new Resolved(((ObjectNode) body).deepCopy(), null);
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            throw ApiException.validation(List.of(new FieldError("strategyId", "must be a strategy id")));
        }
        if (body.has("strategy") || body.has("rules")) {
            throw ApiException.validation(List.of(new FieldError("strategyId",
                    "give one of strategyId, rules or strategy: a strategyId brings its own backtest definition")));
        }
        Strategy strategy = visible(id.asText(), userId);
        if (strategy.backtest() == null || strategy.backtest().isEmpty()) {
            throw ApiException.badRequest("NO_BACKTEST_DEFINITION", "Strategy " + strategy.id() + " has no "
                    + "backtest definition; its owner can set one (PUT /api/strategies/{id} with backtest: {strategy "
                    + "or rules, parameters}), or name a catalogue strategy or a rules document instead");
        }
        ObjectNode request = BacktestDefinition.toRequest(strategy.backtest());
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode mine = request.get(field.getKey());
            if (field.getKey().equals("parameters") && mine != null && mine.isObject() && field.getValue().isObject()) {
                ((ObjectNode) mine).setAll((ObjectNode) field.getValue().deepCopy());
            } else {
                request.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        request.put("strategyId", strategy.id());
        return new Resolved(request, strategy);
    }

    private Strategy visible(String id, String userId) {
        Strategy s = strategies.find(id).orElse(null);
        boolean owner = s != null && s.ownerId().equals(userId);
        if (s == null || (s.deleted() && !owner) || (!s.isPublic() && !owner)) {
            throw ApiException.notFound("Strategy " + id + " not found");
        }
        return s;
    }
}
