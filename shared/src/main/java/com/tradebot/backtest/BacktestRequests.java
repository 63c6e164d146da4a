package com.tradebot.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.optimize.Objective;
import com.tradebot.backtest.optimize.ParameterGrid;
import com.tradebot.backtest.rules.RuleError;
import com.tradebot.backtest.rules.RuleParser;
import com.tradebot.backtest.rules.RuleValidationException;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks a backtest request body; every problem becomes a 400 naming its field. */
public final class BacktestRequests {
    public static final int MAX_SLICES = 50;

    private BacktestRequests() {
    }

    public static BacktestSpec parse(BacktestKind kind, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        StrategyDefinition definition = null;
        String strategy = text(body, "strategy");
        JsonNode rules = body.get("rules");
        if (strategy != null && rules != null) {
            errors.add(new FieldError("strategy", "give either strategy (a catalogue name) or rules, not both"));
        } else if (strategy != null) {
            definition = StrategyCatalogue.find(strategy).orElse(null);
            if (definition == null) {
                errors.add(new FieldError("strategy", "unknown strategy '" + strategy + "' (one of "
                        + String.join(", ", StrategyCatalogue.NAMES) + ")"));
            }
        } else if (rules != null) {
            try {
                definition = RuleParser.parse(rules);
                strategy = "CUSTOM";
            } catch (RuleValidationException e) {
                for (RuleError r : e.errors()) {
                    errors.add(new FieldError("rules" + r.path(), r.message()));
                }
            }
        } else {
            errors.add(new FieldError("strategy", "required: a catalogue name (" + String.join(", ",
                    StrategyCatalogue.NAMES) + ") or a rules document"));
        }

        Map<String, Double> parameters = null;
        if (definition != null) {
            JsonNode p = body.path("parameters");
            Map<String, Object> given = new LinkedHashMap<>();
            if (!p.isMissingNode() && !p.isObject()) {
                errors.add(new FieldError("parameters", "must be an object of numbers"));
            } else {
                p.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().isNumber()
                        ? e.getValue().numberValue() : e.getValue().asText()));
                try {
                    parameters = definition.bind(given);
                } catch (RuleValidationException e) {
                    for (RuleError r : e.errors()) {
                        errors.add(new FieldError(r.path().substring(1).replace('/', '.'), r.message()));
                    }
                }
            }
        }

        List<MarketSymbol> symbols = new ArrayList<>();
        List<Timeframe> timeframes = new ArrayList<>();
        boolean many = kind == BacktestKind.BATCH;
        readList(body, many ? "symbols" : "symbol", many, errors, v -> symbols.add(MarketSymbol.parse(v)));
        readList(body, many ? "timeframes" : "timeframe", many, errors, v -> timeframes.add(Timeframe.parse(v)));
        if (symbols.size() * timeframes.size() > MAX_SLICES) {
            errors.add(new FieldError("symbols", "at most " + MAX_SLICES + " symbol × timeframe pairs per batch"));
        }
        String exchange = text(body, "exchange");
        if (exchange != null && !exchange.matches("[a-zA-Z0-9_.-]{1,40}")) {
            errors.add(new FieldError("exchange", "invalid exchange name"));
        }

        Instant from = date(body, "startDate", false, errors);
        Instant to = date(body, "endDate", true, errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new FieldError("endDate", "endDate must be after startDate"));
        }

        SimulationSettings settings = settings(body, errors);
        BacktestSpec.Optimization optimization = null;
        if (kind == BacktestKind.OPTIMIZE && definition != null && parameters != null) {
            optimization = optimization(body.path("optimize"), definition, parameters, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new BacktestSpec(kind, body, strategy, definition, parameters, exchange, symbols, timeframes, from, to,
                settings, optimization);
    }

    private static BacktestSpec.Optimization optimization(JsonNode o, StrategyDefinition definition,
                                                          Map<String, Double> parameters, List<FieldError> errors) {
        int steps = o.path("steps").asInt(7);
        double range = o.path("range").asDouble(0.3);
        if (steps < 1 || steps > 50) {
            errors.add(new FieldError("optimize.steps", "must be 1..50"));
        }
        if (range <= 0 || range > 0.9) {
            errors.add(new FieldError("optimize.range", "must be above 0 and at most 0.9"));
        }
        Objective objective = Objective.SHARPE_RATIO;
        if (o.hasNonNull("objective")) {
            objective = Objective.find(o.get("objective").asText()).orElse(null);
            if (objective == null) {
                errors.add(new FieldError("optimize.objective", "one of sharpeRatio, sortinoRatio, roi, cagr, "
                        + "profitFactor, expectancy, winRate"));
            }
        }
        List<String> vary = new ArrayList<>();
        if (o.has("parameters")) {
            for (JsonNode n : o.get("parameters")) {
                if (!definition.parameters().containsKey(n.asText())) {
                    errors.add(new FieldError("optimize.parameters", "unknown parameter '" + n.asText() + "'"));
                } else {
                    vary.add(n.asText());
                }
            }
        } else {
            vary.addAll(ParameterGrid.defaultVaried(definition));
        }
        JsonNode wf = o.path("walkForward");
        int windows = wf.path("windows").asInt(4);
        double fraction = wf.path("inSampleFraction").asDouble(0.75);
        if (windows < 0 || windows > 20) {
            errors.add(new FieldError("optimize.walkForward.windows", "must be 0 (off) to 20"));
        }
        if (fraction < 0.5 || fraction > 0.9) {
            errors.add(new FieldError("optimize.walkForward.inSampleFraction", "must be 0.5..0.9"));
        }
        if (steps >= 1 && steps <= 50 && range > 0 && range <= 0.9) {
            long sets = new ParameterGrid(definition, parameters, vary, steps, range).size();
            if (sets > ParameterGrid.MAX_SETS) {
                errors.add(new FieldError("optimize", sets + " parameter sets requested; at most "
                        + ParameterGrid.MAX_SETS + " per request (fewer steps or parameters)"));
            }
        }
        return new BacktestSpec.Optimization(vary, steps, range, objective, windows, fraction);
    }

    private static SimulationSettings settings(JsonNode b, List<FieldError> errors) {
        SimulationSettings d = SimulationSettings.defaults();
        double capital = number(b, "initialCapital", d.initialCapital(), 1, 1e12, errors);
        double maker = number(b.path("fees"), "maker", d.makerFee(), 0, 0.1, errors, "fees.maker");
        double taker = number(b.path("fees"), "taker", d.takerFee(), 0, 0.1, errors, "fees.taker");
        double slippage = number(b, "slippage", d.slippage(), 0, 0.1, errors);
        double leverage = number(b, "leverage", d.leverage(), 1, 125, errors);
        double stopLoss = number(b, "stopLoss", 0, 0, 0.99, errors);
        double takeProfit = number(b, "takeProfit", 0, 0, 100, errors);
        SimulationSettings.Sizing sizing = d.sizing();
        double sizingValue = d.sizingValue();
        JsonNode s = b.path("sizing");
        if (!s.isMissingNode()) {
            try {
                sizing = SimulationSettings.Sizing.valueOf(s.path("mode").asText("FRACTION").toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("sizing.mode", "one of FRACTION, FIXED, RISK, UNITS"));
            }
            double max = sizing == SimulationSettings.Sizing.FRACTION ? 1 : sizing == SimulationSettings.Sizing.RISK
                    ? 0.5 : 1e12;
            sizingValue = number(s, "value", sizing == SimulationSettings.Sizing.RISK ? 0.01 : 1, 1e-9, max, errors,
                    "sizing.value");
            if (sizing == SimulationSettings.Sizing.RISK && stopLoss == 0) {
                errors.add(new FieldError("stopLoss", "risk-based sizing needs a stopLoss"));
            }
        }
        Direction direction = Direction.LONG;
        if (b.hasNonNull("direction")) {
            try {
                direction = Direction.valueOf(b.get("direction").asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("direction", "one of LONG, SHORT, BOTH"));
            }
        }
        return new SimulationSettings(capital, maker, taker, slippage, leverage, sizing, sizingValue, stopLoss,
                takeProfit, direction);
    }

    private static double number(JsonNode node, String field, double def, double min, double max,
                                 List<FieldError> errors) {
        return number(node, field, def, min, max, errors, field);
    }

    private static double number(JsonNode node, String field, double def, double min, double max,
                                 List<FieldError> errors, String name) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            errors.add(new FieldError(name, "must be a number from " + min + " to " + max));
            return def;
        }
        return v.asDouble();
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private interface ValueReader {
        void read(String value);
    }

    private static void readList(JsonNode b, String field, boolean list, List<FieldError> errors, ValueReader reader) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull() || (list && (!v.isArray() || v.isEmpty())) || (!list && !v.isTextual())) {
            errors.add(new FieldError(field, list ? "required: a non-empty array" : "required"));
            return;
        }
        for (JsonNode item : list ? v : List.of(v)) {
            try {
                reader.read(item.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
    }

    private static Instant date(JsonNode b, String field, boolean endOfDay, List<FieldError> errors) {
        String v = text(b, field);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected YYYY-MM-DD or an ISO-8601 instant"));
            return null;
        }
    }
}
