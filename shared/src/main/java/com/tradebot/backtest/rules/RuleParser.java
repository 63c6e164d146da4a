package com.tradebot.backtest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and type-checks a rule document, collecting every problem with the JSON Pointer of its node. The language
 * is data, never code: it can only combine the indicators of {@link IndicatorType} with comparisons, crossings and
 * and/or/not, so a provider's strategy cannot run anything else on the platform.
 * <pre>
 * {"parameters": {"fast": {"default": 9, "min": 2, "max": 200, "integer": true}, ...},
 *  "constraints": [{"lt": ["fast", "slow"]}],
 *  "indicators": {"emaFast": {"type": "EMA", "input": "close", "period": "$fast"}, ...},
 *  "entryLong": {"crossUp": ["emaFast", "emaSlow"]}, "exitLong": {"crossDown": ["emaFast", "emaSlow"]},
 *  "entryShort": ..., "exitShort": ...}
 * </pre>
 */
public final class RuleParser {
    public static final Set<String> PRICES = Set.of("open", "high", "low", "close", "volume");
    private static final Set<String> TOP_LEVEL = Set.of("parameters", "constraints", "indicators", "entryLong",
            "exitLong", "entryShort", "exitShort", "name", "description");
    private static final int MAX_NODES = 500;

    private final List<RuleError> errors = new ArrayList<>();
    private final Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    private final Map<String, JsonNode> indicatorJson = new LinkedHashMap<>();
    private final Map<String, Ast.Indicator> indicators = new LinkedHashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private int nodes;

    private RuleParser() {
    }

    public static StrategyDefinition parse(JsonNode doc) {
        return new RuleParser().document(doc);
    }

    private StrategyDefinition document(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw RuleValidationException.of("", "a rule document must be a JSON object");
        }
        doc.fieldNames().forEachRemaining(f -> {
            if (!TOP_LEVEL.contains(f)) {
                error("/" + f, "unknown field (expected one of " + String.join(", ", TOP_LEVEL) + ")");
            }
        });
        parameters(doc.path("parameters"));
        List<Ast.Constraint> constraints = constraints(doc.path("constraints"));
        JsonNode ind = doc.path("indicators");
        if (!ind.isMissingNode() && !ind.isObject()) {
            error("/indicators", "must be an object of named indicators");
        } else {
            ind.fields().forEachRemaining(e -> indicatorJson.put(e.getKey(), e.getValue()));
            for (String id : indicatorJson.keySet()) {
                if (PRICES.contains(id)) {
                    error("/indicators/" + id, "'" + id + "' is a price field and cannot be redefined");
                } else {
                    namedIndicator(id);
                }
            }
        }
        Ast.Condition entryLong = optionalCondition(doc, "entryLong");
        Ast.Condition exitLong = optionalCondition(doc, "exitLong");
        Ast.Condition entryShort = optionalCondition(doc, "entryShort");
        Ast.Condition exitShort = optionalCondition(doc, "exitShort");
        if (entryLong == null && entryShort == null && errors.isEmpty()) {
            error("", "needs entryLong or entryShort");
        }
        if (exitLong != null && entryLong == null) {
            error("/exitLong", "exitLong without entryLong");
        }
        if (exitShort != null && entryShort == null) {
            error("/exitShort", "exitShort without entryShort");
        }
        if (!errors.isEmpty()) {
            throw new RuleValidationException(errors);
        }
        return new StrategyDefinition(Map.copyOf(parameters), constraints, Map.copyOf(indicators), entryLong,
                exitLong, entryShort, exitShort);
    }

    private void parameters(JsonNode node) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            error("/parameters", "must be an object of parameter declarations");
            return;
        }
        node.fields().forEachRemaining(e -> {
            String path = "/parameters/" + e.getKey();
            JsonNode p = e.getValue();
            if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
                error(path, "parameter names are letters, digits and _ (max 40)");
                return;
            }
            if (!p.path("default").isNumber()) {
                error(path + "/default", "a numeric default is required");
                return;
            }
            double def = p.get("default").asDouble();
            double min = p.path("min").isNumber() ? p.get("min").asDouble() : def;
            double max = p.path("max").isNumber() ? p.get("max").asDouble() : def;
            boolean integer = p.has("integer") ? p.get("integer").asBoolean() : def == Math.rint(def);
            ParameterSpec spec = new ParameterSpec(e.getKey(), def, min, max, integer);
            if (min > max) {
                error(path, "min is above max");
            } else if (!spec.accepts(def)) {
                error(path + "/default", "default is outside [min, max] or not whole");
            } else {
                parameters.put(e.getKey(), spec);
            }
        });
    }

    private List<Ast.Constraint> constraints(JsonNode node) {
        List<Ast.Constraint> out = new ArrayList<>();
        if (node.isMissingNode()) {
            return out;
        }
        if (!node.isArray()) {
            error("/constraints", "must be an array");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "/constraints/" + i;
            JsonNode c = node.get(i);
            if (!c.isObject() || c.size() != 1) {
                error(path, "a constraint is one of {\"lt\"|\"lte\"|\"gt\"|\"gte\": [param, param]}");
                continue;
            }
            String op = c.fieldNames().next();
            Ast.Comparison cmp = comparison(op);
            JsonNode args = c.get(op);
            if (cmp == null || !args.isArray() || args.size() != 2) {
                error(path, "a constraint is one of {\"lt\"|\"lte\"|\"gt\"|\"gte\": [param, param]}");
                continue;
            }
            String l = args.get(0).asText();
            String r = args.get(1).asText();
            if (!parameters.containsKey(l) || !parameters.containsKey(r)) {
                error(path + "/" + op, "constraints name declared parameters");
                continue;
            }
            out.add(new Ast.Constraint(cmp, l, r, path));
        }
        return out;
    }

    private Ast.Indicator namedIndicator(String id) {
        Ast.Indicator done = indicators.get(id);
        if (done != null || failed.contains(id)) {
            return done;
        }
        String path = "/indicators/" + id;
        if (!resolving.add(id)) {
            error(path, "indicator '" + id + "' refers to itself through its inputs");
            return null;
        }
        Ast.Indicator parsed = indicator(indicatorJson.get(id), path);
        resolving.remove(id);
        if (parsed != null) {
            indicators.put(id, parsed);
        } else {
            failed.add(id);
        }
        return parsed;
    }

    private Ast.Indicator indicator(JsonNode node, String path) {
        if (++nodes > MAX_NODES) {
            error(path, "document too large (more than " + MAX_NODES + " nodes)");
            return null;
        }
        if (!node.isObject() || !node.path("type").isTextual()) {
            error(path, "an indicator is an object with a \"type\" (one of " + types() + ")");
            return null;
        }
        IndicatorType type;
        try {
            type = IndicatorType.valueOf(node.get("type").asText());
        } catch (IllegalArgumentException e) {
            error(path + "/type", "unknown indicator type '" + node.get("type").asText() + "' (one of " + types() + ")");
            return null;
        }
        Ast.Operand input = null;
        if (type.takesInput()) {
            JsonNode in = node.has("input") ? node.get("input") : null;
            if (in == null) {
                input = new Ast.Price("close", path + "/input");
            } else {
                input = operand(in, path + "/input");
                if (input instanceof Ast.Constant) {
                    error(path + "/input", "the input of an indicator must be a price or an indicator");
                }
            }
        } else if (node.has("input")) {
            error(path + "/input", type + " reads high, low and close itself and takes no input");
        }
        Map<String, Ast.Value> args = new LinkedHashMap<>();
        for (String arg : type.args()) {
            String argPath = path + "/" + arg;
            JsonNode v = node.get(arg);
            if (v == null) {
                if (arg.equals("k")) {
                    args.put(arg, new Ast.Value(2, null, argPath));
                } else if (arg.equals("bars")) {
                    args.put(arg, new Ast.Value(1, null, argPath));
                } else {
                    error(argPath, type + " needs \"" + arg + "\"");
                }
                continue;
            }
            Ast.Value value = value(v, argPath);
            if (value == null) {
                continue;
            }
            if (value.parameter() == null) {
                double d = value.literal();
                if (type.isWholeNumber(arg) && (d != Math.rint(d) || d < 1 || d > 100_000)) {
                    error(argPath, arg + " must be a whole number from 1 to 100000, was " + StrategyDefinition.fmt(d));
                }
            } else {
                ParameterSpec spec = parameters.get(value.parameter());
                if (type.isWholeNumber(arg) && (!spec.integer() || spec.min() < 1)) {
                    error(argPath, "parameter $" + value.parameter() + " feeds " + arg
                            + ", so it must be declared whole with min >= 1");
                }
            }
            args.put(arg, value);
        }
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("type") && !f.equals("input") && !type.args().contains(f)) {
                error(path + "/" + f, type + " has no argument '" + f + "' (arguments: " + type.args() + ")");
            }
        }
        return new Ast.Indicator(type, input, args, path);
    }

    private Ast.Value value(JsonNode v, String path) {
        if (v.isNumber()) {
            return new Ast.Value(v.asDouble(), null, path);
        }
        if (v.isTextual() && v.asText().startsWith("$")) {
            String name = v.asText().substring(1);
            if (!parameters.containsKey(name)) {
                error(path, "unknown parameter '" + v.asText() + "' (declared: " + parameters.keySet() + ")");
                return null;
            }
            return new Ast.Value(Double.NaN, name, path);
        }
        error(path, "expected a number or \"$parameter\"");
        return null;
    }

    private Ast.Operand operand(JsonNode node, String path) {
        if (node.isNumber() || (node.isTextual() && node.asText().startsWith("$"))) {
            Ast.Value v = value(node, path);
            return v == null ? null : new Ast.Constant(v, path);
        }
        if (node.isTextual()) {
            String name = node.asText();
            if (PRICES.contains(name)) {
                return new Ast.Price(name, path);
            }
            if (!indicatorJson.containsKey(name)) {
                error(path, "unknown indicator or price '" + name + "' (prices: " + PRICES + ", indicators: "
                        + indicatorJson.keySet() + ")");
                return null;
            }
            namedIndicator(name);
            return new Ast.IndicatorRef(name, path);
        }
        if (node.isObject()) {
            return indicator(node, path);
        }
        error(path, "expected a price, an indicator name, an inline indicator, a number or \"$parameter\"");
        return null;
    }

    private Ast.Condition optionalCondition(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        return node == null || node.isNull() ? null : condition(node, "/" + field);
    }

    private Ast.Condition condition(JsonNode node, String path) {
        if (++nodes > MAX_NODES) {
            error(path, "document too large (more than " + MAX_NODES + " nodes)");
            return null;
        }
        if (!node.isObject() || node.size() != 1) {
            error(path, "a condition is an object with exactly one of and, or, not, gt, gte, lt, lte, crossUp, crossDown");
            return null;
        }
        String op = node.fieldNames().next();
        JsonNode arg = node.get(op);
        String argPath = path + "/" + op;
        switch (op) {
            case "and", "or" -> {
                if (!arg.isArray() || arg.isEmpty()) {
                    error(argPath, op + " takes a non-empty array of conditions");
                    return null;
                }
                List<Ast.Condition> parts = new ArrayList<>();
                for (int i = 0; i < arg.size(); i++) {
                    parts.add(condition(arg.get(i), argPath + "/" + i));
                }
                return op.equals("and") ? new Ast.All(parts, path) : new Ast.Any(parts, path);
            }
            case "not" -> {
                return new Ast.Not(condition(arg, argPath), path);
            }
            case "crossUp", "crossDown", "crossAbove", "crossBelow" -> {
                Ast.Operand[] pair = pair(arg, argPath, op);
                if (pair == null) {
                    return null;
                }
                return new Ast.Cross(op.equals("crossUp") || op.equals("crossAbove"), pair[0], pair[1], path);
            }
            default -> {
                Ast.Comparison cmp = comparison(op);
                if (cmp == null) {
                    error(argPath, "unknown operator '" + op
                            + "' (one of and, or, not, gt, gte, lt, lte, crossUp, crossDown)");
                    return null;
                }
                Ast.Operand[] pair = pair(arg, argPath, op);
                return pair == null ? null : new Ast.Compare(cmp, pair[0], pair[1], path);
            }
        }
    }

    private Ast.Operand[] pair(JsonNode arg, String path, String op) {
        if (!arg.isArray() || arg.size() != 2) {
            error(path, op + " takes exactly two operands: [left, right]");
            return null;
        }
        Ast.Operand l = operand(arg.get(0), path + "/0");
        Ast.Operand r = operand(arg.get(1), path + "/1");
        if (l instanceof Ast.Constant && r instanceof Ast.Constant) {
            error(path, op + " compares two constants; one side must be a price or an indicator");
        }
        return l == null || r == null ? null : new Ast.Operand[] {l, r};
    }

    private static Ast.Comparison comparison(String op) {
        return switch (op) {
            case "gt", ">" -> Ast.Comparison.GT;
            case "gte", ">=" -> Ast.Comparison.GTE;
            case "lt", "<" -> Ast.Comparison.LT;
            case "lte", "<=" -> Ast.Comparison.LTE;
            default -> null;
        };
    }

    private static String types() {
        return java.util.Arrays.toString(IndicatorType.values());
    }

    private void error(String path, String message) {
        errors.add(new RuleError(path, message));
    }
}
