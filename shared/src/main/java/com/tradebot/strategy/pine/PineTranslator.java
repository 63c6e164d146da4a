package com.tradebot.strategy.pine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tradebot.strategy.pine.PineDiagnostic.Severity;
import com.tradebot.strategy.pine.PineValue.AvgPrice;
import com.tradebot.strategy.pine.PineValue.Bool;
import com.tradebot.strategy.pine.PineValue.Cond;
import com.tradebot.strategy.pine.PineValue.Constant;
import com.tradebot.strategy.pine.PineValue.Diff;
import com.tradebot.strategy.pine.PineValue.Input;
import com.tradebot.strategy.pine.PineValue.Na;
import com.tradebot.strategy.pine.PineValue.Num;
import com.tradebot.strategy.pine.PineValue.PositionSize;
import com.tradebot.strategy.pine.PineValue.Scaled;
import com.tradebot.strategy.pine.PineValue.Series;
import com.tradebot.strategy.pine.PineValue.Text;
import com.tradebot.strategy.pine.PineValue.Tuple;
import com.tradebot.strategy.pine.grammar.PineParser;
import com.tradebot.strategy.pine.grammar.PineParserBaseVisitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Walks a parsed Pine script and builds the equivalent rule document. Values are kept symbolic ({@link PineValue})
 * so that the usual textbook forms map onto the rule language exactly: {@code ema − ema} used as a series is MACD,
 * {@code sma ± k·stdev} of one source is a Bollinger band, {@code x − y} compared with 0 is {@code x} compared with
 * {@code y}, {@code ta.change(x) < 0} is {@code x < x[1]}. Anything else is an ERROR diagnostic at its position.
 */
final class PineTranslator extends PineParserBaseVisitor<PineValue> {
    static final Set<String> PRICES = Set.of("open", "high", "low", "close", "volume");
    private static final Set<String> COSMETIC = Set.of("plot", "plotshape", "plotchar", "plotarrow", "plotcandle",
            "plotbar", "hline", "fill", "bgcolor", "barcolor", "alertcondition", "alert", "label.new", "line.new",
            "box.new", "table.new", "log.info", "log.warning", "runtime.error");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Thrown inside a statement: it is reported at its position and the rest of the script is still checked. */
    private static final class Unsupported extends RuntimeException {
        final ParserRuleContext at;
        final String code;

        Unsupported(ParserRuleContext at, String code, String message) {
            super(message, null, false, false);
            this.at = at;
            this.code = code;
        }
    }

    private record Entry(String id, boolean isLong, JsonNode when, ParserRuleContext at) {
    }

    private record Close(String id, JsonNode when, ParserRuleContext at) {
    }

    private record Exit(String fromEntry, AvgPrice stop, AvgPrice limit, ParserRuleContext at) {
    }

    final List<PineDiagnostic> diagnostics = new ArrayList<>();
    private final Map<String, PineValue> variables = new LinkedHashMap<>();
    /** Variables whose declaration was already reported; statements using them fail without a second report. */
    private final Set<String> failed = new java.util.HashSet<>();
    private static final String ALREADY_REPORTED = "ALREADY_REPORTED";
    private final ObjectNode parameters = JSON.objectNode();
    private final ObjectNode indicators = JSON.objectNode();
    private final ObjectNode backtest = JSON.objectNode();
    private final List<JsonNode> guards = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Close> closes = new ArrayList<>();
    private final List<Exit> exits = new ArrayList<>();
    private String name = "Imported Pine strategy";
    private boolean declared;
    private int anonymousInputs;

    PineImport translate(PineParser.ScriptContext script) {
        for (PineParser.StatementContext s : script.statement()) {
            statement(s);
        }
        return finish(script);
    }

    // ---- statements ----

    private void statement(PineParser.StatementContext s) {
        try {
            s.accept(this);
        } catch (Unsupported u) {
            if (!u.code.equals(ALREADY_REPORTED)) {
                report(Severity.ERROR, u.code, u.at, u.getMessage());
            }
        }
    }

    @Override
    public PineValue visitSimpleStmt(PineParser.SimpleStmtContext ctx) {
        return ctx.simpleStatement().accept(this);
    }

    @Override
    public PineValue visitFunctionStmt(PineParser.FunctionStmtContext ctx) {
        throw new Unsupported(ctx, "USER_FUNCTION", "user-defined functions are not supported: the rule language "
                + "only combines its built-in indicators (inline the function's body)");
    }

    @Override
    public PineValue visitReassignment(PineParser.ReassignmentContext ctx) {
        throw new Unsupported(ctx, "MUTABLE_STATE", "reassignment with '" + ctx.op.getText()
                + "' keeps state across bars, which the rule language cannot express");
    }

    @Override
    public PineValue visitDeclaration(PineParser.DeclarationContext ctx) {
        if (ctx.VAR() != null || ctx.VARIP() != null) {
            throw new Unsupported(ctx, "MUTABLE_STATE", "'var'/'varip' variables keep state across bars, which the "
                    + "rule language cannot express");
        }
        try {
            bind(ctx.IDENT().getSymbol(), ctx, ctx.expression().accept(this));
        } catch (Unsupported u) {
            failed.add(ctx.IDENT().getText());
            throw u;
        }
        return new Na();
    }

    @Override
    public PineValue visitTupleDeclaration(PineParser.TupleDeclarationContext ctx) {
        PineValue value;
        try {
            value = ctx.expression().accept(this);
        } catch (Unsupported u) {
            ctx.IDENT().forEach(id -> failed.add(id.getText()));
            throw u;
        }
        if (!(value instanceof Tuple tuple) || tuple.items().size() != ctx.IDENT().size()) {
            throw new Unsupported(ctx, "TUPLE_MISMATCH", "the right side does not return " + ctx.IDENT().size()
                    + " values");
        }
        for (int i = 0; i < ctx.IDENT().size(); i++) {
            if (!ctx.IDENT(i).getText().equals("_")) {
                bind(ctx.IDENT(i).getSymbol(), ctx, tuple.items().get(i));
            }
        }
        return new Na();
    }

    private void bind(Token nameToken, ParserRuleContext ctx, PineValue value) {
        String var = nameToken.getText();
        if (PRICES.contains(var) || var.equals("strategy")) {
            throw new Unsupported(ctx, "SHADOWED_BUILTIN", "'" + var + "' is a built-in and cannot be redefined here");
        }
        if (variables.containsKey(var)) {
            throw new Unsupported(ctx, "MUTABLE_STATE", "'" + var + "' is declared twice");
        }
        if (value instanceof Input input) {
            value = declareParameter(safeName(var), input);
        } else if (value instanceof Series series && series.operand().isObject()) {
            String id = safeName(var);
            indicators.set(id, series.definition());
            value = new Series(TextNode.valueOf(id), series.definition());
        }
        variables.put(var, value);
    }

    @Override
    public PineValue visitExpressionStatement(PineParser.ExpressionStatementContext ctx) {
        PineValue v = ctx.expression().accept(this);
        if (!(v instanceof Na)) {
            report(Severity.WARNING, "UNUSED_EXPRESSION", ctx, "the value of this expression is not used");
        }
        return v;
    }

    @Override
    public PineValue visitIfStmt(PineParser.IfStmtContext ctx) {
        ifStatement(ctx.ifStatement());
        return new Na();
    }

    private void ifStatement(PineParser.IfStatementContext ctx) {
        PineValue cond = ctx.expression().accept(this);
        JsonNode node = null;
        if (cond instanceof Bool b) {
            if (!b.value()) {
                report(Severity.WARNING, "NEVER_TRUE", ctx.expression(), "this condition is never true; its block "
                        + "has no effect");
            }
        } else {
            node = condition(cond, ctx.expression());
        }
        boolean never = cond instanceof Bool b && !b.value();
        if (!never) {
            guarded(node, ctx.block(0));
        }
        if (ctx.ELSE() != null) {
            boolean always = cond instanceof Bool b && b.value();
            if (!always) {
                JsonNode negated = node == null ? null : not(node);
                guards.add(negated);
                try {
                    if (ctx.ifStatement() != null) {
                        ifStatement(ctx.ifStatement());
                    } else {
                        block(ctx.block(ctx.block().size() - 1));
                    }
                } finally {
                    guards.remove(guards.size() - 1);
                }
            }
        }
    }

    private void guarded(JsonNode guard, PineParser.BlockContext block) {
        guards.add(guard);
        try {
            block(block);
        } finally {
            guards.remove(guards.size() - 1);
        }
    }

    private void block(PineParser.BlockContext block) {
        for (PineParser.StatementContext s : block.statement()) {
            statement(s);
        }
    }

    // ---- expressions ----

    @Override
    public PineValue visitNumberLiteral(PineParser.NumberLiteralContext ctx) {
        return new Num(Double.parseDouble(ctx.getText()), null);
    }

    @Override
    public PineValue visitStringLiteral(PineParser.StringLiteralContext ctx) {
        String t = ctx.getText();
        return new Text(t.substring(1, t.length() - 1));
    }

    @Override
    public PineValue visitBoolLiteral(PineParser.BoolLiteralContext ctx) {
        return new Bool(ctx.TRUE() != null);
    }

    @Override
    public PineValue visitColorLiteral(PineParser.ColorLiteralContext ctx) {
        return new Constant(ctx.getText());
    }

    @Override
    public PineValue visitParenExpression(PineParser.ParenExpressionContext ctx) {
        return ctx.expression().accept(this);
    }

    @Override
    public PineValue visitPrimaryExpression(PineParser.PrimaryExpressionContext ctx) {
        return ctx.primary().accept(this);
    }

    @Override
    public PineValue visitNameExpression(PineParser.NameExpressionContext ctx) {
        String n = ctx.getText();
        PineValue v = variables.get(n);
        if (v != null) {
            return v;
        }
        if (PRICES.contains(n)) {
            return new Series(TextNode.valueOf(n), null);
        }
        if (failed.contains(n)) {
            throw new Unsupported(ctx, ALREADY_REPORTED, n);
        }
        switch (n) {
            case "strategy.long", "strategy.short" -> {
                return new Constant(n);
            }
            case "strategy.position_avg_price" -> {
                return new AvgPrice(1);
            }
            case "strategy.position_size" -> {
                return new PositionSize();
            }
            case "na" -> {
                return new Na();
            }
            case "hl2", "hlc3", "ohlc4", "hlcc4" -> throw new Unsupported(ctx, "UNSUPPORTED_SOURCE", "'" + n
                    + "' is a computed price; the rule language offers open, high, low, close and volume");
            default -> {
                if (n.startsWith("color.") || n.startsWith("shape.") || n.startsWith("location.")
                        || n.startsWith("size.") || n.startsWith("position.") || n.startsWith("strategy.commission.")
                        || n.startsWith("strategy.percent_of_equity") || n.startsWith("strategy.cash")
                        || n.startsWith("strategy.fixed") || n.startsWith("display.") || n.startsWith("format.")) {
                    return new Constant(n);
                }
                throw new Unsupported(ctx, "UNKNOWN_NAME", "unknown or unsupported name '" + n + "'");
            }
        }
    }

    @Override
    public PineValue visitHistoryExpression(PineParser.HistoryExpressionContext ctx) {
        PineValue base = ctx.expression(0).accept(this);
        PineValue offset = ctx.expression(1).accept(this);
        if (!(offset instanceof Num num) || (num.parameter() == null && (num.value() != Math.rint(num.value())
                || num.value() < 1))) {
            throw new Unsupported(ctx.expression(1), "UNSUPPORTED_HISTORY", "the history offset must be a whole "
                    + "number from 1 or an integer input");
        }
        if (base instanceof Num) {
            return base;
        }
        Series s = series(base, ctx.expression(0));
        return indicator(s, "PREVIOUS", Map.of("bars", num));
    }

    @Override
    public PineValue visitUnaryExpression(PineParser.UnaryExpressionContext ctx) {
        PineValue v = ctx.expression().accept(this);
        if (ctx.op.getType() == PineParser.NOT) {
            if (v instanceof Bool b) {
                return new Bool(!b.value());
            }
            return new Cond(not(condition(v, ctx.expression())));
        }
        if (v instanceof Num num) {
            boolean minus = ctx.op.getType() == PineParser.MINUS;
            if (num.parameter() != null && minus) {
                folded(ctx, num);
            }
            return new Num(minus ? -num.value() : num.value(), minus ? null : num.parameter());
        }
        throw new Unsupported(ctx, "SERIES_ARITHMETIC", "unary '" + ctx.op.getText()
                + "' on a series is not supported by the rule language");
    }

    @Override
    public PineValue visitMultiplicativeExpression(PineParser.MultiplicativeExpressionContext ctx) {
        PineValue l = ctx.expression(0).accept(this);
        PineValue r = ctx.expression(1).accept(this);
        String op = ctx.op.getText();
        if (l instanceof Num a && r instanceof Num b) {
            return fold(ctx, a, b, op);
        }
        if (op.equals("*") && l instanceof AvgPrice p && r instanceof Num k) {
            return new AvgPrice(p.factor() * k.value());
        }
        if (op.equals("*") && r instanceof AvgPrice p && l instanceof Num k) {
            return new AvgPrice(p.factor() * k.value());
        }
        if (op.equals("/") && l instanceof AvgPrice p && r instanceof Num k && k.value() != 0) {
            return new AvgPrice(p.factor() / k.value());
        }
        if (op.equals("*") && l instanceof Num k && r instanceof Series s) {
            return new Scaled(k, s);
        }
        if (op.equals("*") && r instanceof Num k && l instanceof Series s) {
            return new Scaled(k, s);
        }
        if (op.equals("*") && (l instanceof Input || r instanceof Input)) {
            throw new Unsupported(ctx, "SERIES_ARITHMETIC", "declare the input as a variable before using it");
        }
        throw new Unsupported(ctx, "SERIES_ARITHMETIC", "'" + ctx.getText() + "': the rule language compares "
                + "prices and indicators but cannot compute " + op + " between them");
    }

    @Override
    public PineValue visitAdditiveExpression(PineParser.AdditiveExpressionContext ctx) {
        PineValue l = ctx.expression(0).accept(this);
        PineValue r = ctx.expression(1).accept(this);
        boolean plus = ctx.op.getType() == PineParser.PLUS;
        if (l instanceof Num a && r instanceof Num b) {
            return fold(ctx, a, b, ctx.op.getText());
        }
        if (l instanceof AvgPrice a && r instanceof AvgPrice b) {
            return new AvgPrice(plus ? a.factor() + b.factor() : a.factor() - b.factor());
        }
        if (l instanceof Series a && r instanceof Scaled b) {
            PineValue band = bollinger(a, b, plus);
            if (band != null) {
                return band;
            }
        }
        if (plus && l instanceof Scaled a && r instanceof Series b) {
            PineValue band = bollinger(b, a, true);
            if (band != null) {
                return band;
            }
        }
        if (!plus && isSeriesLike(l) && isSeriesLike(r)) {
            return new Diff(series(l, ctx.expression(0)), series(r, ctx.expression(1)));
        }
        throw new Unsupported(ctx, "SERIES_ARITHMETIC", "'" + ctx.getText() + "': the rule language compares "
                + "prices and indicators but cannot compute " + ctx.op.getText() + " between them (supported: "
                + "sma ± k * stdev of one source, ema − ema, a − b compared with 0)");
    }

    private static boolean isSeriesLike(PineValue v) {
        return v instanceof Series || v instanceof Diff;
    }

    /** {@code sma(src, n) ± k * stdev(src, n)} is exactly the rule language's BB_UPPER / BB_LOWER. */
    private PineValue bollinger(Series basis, Scaled dev, boolean upper) {
        ObjectNode b = basis.definition();
        ObjectNode d = dev.series().definition();
        if (b == null || d == null || !"SMA".equals(b.path("type").asText())
                || !"STDDEV".equals(d.path("type").asText()) || !b.get("input").equals(d.get("input"))
                || !b.get("period").equals(d.get("period"))) {
            return null;
        }
        ObjectNode band = JSON.objectNode();
        band.put("type", upper ? "BB_UPPER" : "BB_LOWER");
        band.set("input", b.get("input"));
        band.set("period", b.get("period"));
        band.set("k", number(dev.factor()));
        return new Series(band, band);
    }

    private Num fold(ParserRuleContext ctx, Num a, Num b, String op) {
        if (a.parameter() != null || b.parameter() != null) {
            folded(ctx, a.parameter() != null ? a : b);
        }
        double v = switch (op) {
            case "+" -> a.value() + b.value();
            case "-" -> a.value() - b.value();
            case "*" -> a.value() * b.value();
            case "/" -> a.value() / b.value();
            default -> a.value() % b.value();
        };
        return new Num(v, null);
    }

    private void folded(ParserRuleContext ctx, Num num) {
        report(Severity.WARNING, "INPUT_FOLDED", ctx, "arithmetic on input '" + num.parameter() + "' is computed "
                + "once from its default (" + fmt(num.value()) + "); this value does not follow the parameter in "
                + "optimisation");
    }

    @Override
    public PineValue visitRelationalExpression(PineParser.RelationalExpressionContext ctx) {
        PineValue l = ctx.expression(0).accept(this);
        PineValue r = ctx.expression(1).accept(this);
        String op = switch (ctx.op.getType()) {
            case PineParser.LT -> "lt";
            case PineParser.LE -> "lte";
            case PineParser.GT -> "gt";
            default -> "gte";
        };
        if (l instanceof PositionSize || r instanceof PositionSize) {
            report(Severity.INFO, "POSITION_CHECK", ctx, "checks of strategy.position_size are implicit: the "
                    + "engine holds one position and applies exits only to an open position");
            return new Bool(true);
        }
        if (l instanceof Num a && r instanceof Num b) {
            boolean v = switch (op) {
                case "lt" -> a.value() < b.value();
                case "lte" -> a.value() <= b.value();
                case "gt" -> a.value() > b.value();
                default -> a.value() >= b.value();
            };
            return new Bool(v);
        }
        return new Cond(binary(op, l, r, ctx));
    }

    /** A comparison or crossing of two values as a rule-language condition node. */
    private JsonNode binary(String op, PineValue l, PineValue r, ParserRuleContext ctx) {
        if (l instanceof Num && !(r instanceof Num)) {
            return binary(flip(op), r, l, ctx);
        }
        if (l instanceof Diff diff && r instanceof Num zero && zero.value() == 0 && zero.parameter() == null) {
            // a − b > 0 ⇔ a > b exactly in floating point (a subtraction of unequal finite doubles is never 0)
            return node(op, diff.left().operand(), diff.right().operand());
        }
        JsonNode left = operand(l, ctx);
        JsonNode right = operand(r, ctx);
        return node(op, left, right);
    }

    private static String flip(String op) {
        return switch (op) {
            case "lt" -> "gt";
            case "lte" -> "gte";
            case "gt" -> "lt";
            case "gte" -> "lte";
            case "crossUp" -> "crossDown";
            default -> "crossUp";
        };
    }

    private static JsonNode node(String op, JsonNode a, JsonNode b) {
        ObjectNode n = JSON.objectNode();
        ArrayNode args = n.putArray(op);
        args.add(a);
        args.add(b);
        return n;
    }

    private JsonNode operand(PineValue v, ParserRuleContext ctx) {
        if (v instanceof Num num) {
            return number(num);
        }
        return series(v, ctx).operand();
    }

    private static JsonNode number(Num num) {
        return num.parameter() != null ? TextNode.valueOf("$" + num.parameter()) : JSON.numberNode(num.value());
    }

    /** A value used where the rule language needs a price or an indicator. */
    private Series series(PineValue v, ParserRuleContext ctx) {
        if (v instanceof Series s) {
            return s;
        }
        if (v instanceof Diff diff) {
            Series m = macd(diff);
            if (m != null) {
                return m;
            }
            throw new Unsupported(ctx, "SERIES_ARITHMETIC", "'" + ctx.getText() + "' is a difference of two "
                    + "series; the rule language can compare it with 0 or use it as MACD (ema − ema of one source)");
        }
        if (v instanceof Scaled) {
            throw new Unsupported(ctx, "SERIES_ARITHMETIC", "'" + ctx.getText() + "' multiplies a series; "
                    + "the rule language cannot scale indicators (except sma ± k * stdev as Bollinger bands)");
        }
        if (v instanceof Na) {
            throw new Unsupported(ctx, "NA_VALUE", "na is not a value the rule language can compare");
        }
        throw new Unsupported(ctx, "EXPECTED_SERIES", "expected a price or an indicator here");
    }

    /** ema(src, fast) − ema(src, slow) is exactly MACD(src, fast, slow). */
    private static Series macd(Diff diff) {
        ObjectNode a = diff.left().definition();
        ObjectNode b = diff.right().definition();
        if (a == null || b == null || !"EMA".equals(a.path("type").asText()) || !"EMA".equals(b.path("type").asText())
                || !a.get("input").equals(b.get("input"))) {
            return null;
        }
        ObjectNode m = JSON.objectNode();
        m.put("type", "MACD");
        m.set("input", a.get("input"));
        m.set("fast", a.get("period"));
        m.set("slow", b.get("period"));
        return new Series(m, m);
    }

    @Override
    public PineValue visitEqualityExpression(PineParser.EqualityExpressionContext ctx) {
        PineValue l = ctx.expression(0).accept(this);
        PineValue r = ctx.expression(1).accept(this);
        boolean eq = ctx.op.getType() == PineParser.EQ;
        if (l instanceof PositionSize || r instanceof PositionSize) {
            report(Severity.INFO, "POSITION_CHECK", ctx, "checks of strategy.position_size are implicit: the "
                    + "engine holds one position and enters only when flat");
            return new Bool(true);
        }
        if (l instanceof Num a && r instanceof Num b) {
            return new Bool(eq == (a.value() == b.value()));
        }
        if (l instanceof Bool a && r instanceof Bool b) {
            return new Bool(eq == (a.value() == b.value()));
        }
        throw new Unsupported(ctx, "UNSUPPORTED_EQUALITY", "'" + ctx.op.getText() + "' on series is not supported "
                + "(the rule language compares with <, <=, >, >=)");
    }

    @Override
    public PineValue visitAndExpression(PineParser.AndExpressionContext ctx) {
        return logic(ctx.expression(0), ctx.expression(1), true);
    }

    @Override
    public PineValue visitOrExpression(PineParser.OrExpressionContext ctx) {
        return logic(ctx.expression(0), ctx.expression(1), false);
    }

    private PineValue logic(PineParser.ExpressionContext left, PineParser.ExpressionContext right, boolean and) {
        PineValue l = left.accept(this);
        PineValue r = right.accept(this);
        if (l instanceof Bool b) {
            return b.value() == and ? truthy(r, right) : b;
        }
        if (r instanceof Bool b) {
            return b.value() == and ? truthy(l, left) : b;
        }
        return new Cond(combine(and ? "and" : "or", condition(l, left), condition(r, right)));
    }

    private PineValue truthy(PineValue v, ParserRuleContext ctx) {
        return v instanceof Bool ? v : new Cond(condition(v, ctx));
    }

    private static JsonNode combine(String op, JsonNode a, JsonNode b) {
        ObjectNode n = JSON.objectNode();
        ArrayNode parts = n.putArray(op);
        for (JsonNode x : List.of(a, b)) {
            if (x.has(op)) {
                parts.addAll((ArrayNode) x.get(op));
            } else {
                parts.add(x);
            }
        }
        return n;
    }

    private static JsonNode not(JsonNode c) {
        if (c.has("not")) {
            return c.get("not");
        }
        ObjectNode n = JSON.objectNode();
        n.set("not", c);
        return n;
    }

    private JsonNode condition(PineValue v, ParserRuleContext ctx) {
        if (v instanceof Cond c) {
            return c.node();
        }
        throw new Unsupported(ctx, "EXPECTED_CONDITION", "expected a condition (a comparison, a crossing or "
                + "and/or/not of them) here");
    }

    @Override
    public PineValue visitTernaryExpression(PineParser.TernaryExpressionContext ctx) {
        PineValue c = ctx.expression(0).accept(this);
        if (c instanceof Bool b) {
            return (b.value() ? ctx.expression(1) : ctx.expression(2)).accept(this);
        }
        throw new Unsupported(ctx, "UNSUPPORTED_TERNARY", "the conditional operator ?: on series values is not "
                + "supported (use if blocks around strategy.entry/close)");
    }

    // ---- calls ----

    private record Args(List<PineParser.ExpressionContext> positional, Map<String, PineParser.ExpressionContext> named) {
        PineParser.ExpressionContext get(int index, String name) {
            if (named.containsKey(name)) {
                return named.get(name);
            }
            return index >= 0 && index < positional.size() ? positional.get(index) : null;
        }
    }

    @Override
    public PineValue visitCallExpression(PineParser.CallExpressionContext ctx) {
        String fn = ctx.qualifiedName().getText();
        List<PineParser.ExpressionContext> positional = new ArrayList<>();
        Map<String, PineParser.ExpressionContext> named = new LinkedHashMap<>();
        if (ctx.arguments() != null) {
            for (PineParser.ArgumentContext a : ctx.arguments().argument()) {
                if (a.identifier() != null) {
                    named.put(a.identifier().getText(), a.expression());
                } else {
                    positional.add(a.expression());
                }
            }
        }
        Args args = new Args(positional, named);
        if (COSMETIC.contains(fn)) {
            report(Severity.INFO, "IGNORED_DRAWING", ctx, fn + " draws or alerts only; it has no effect on the "
                    + "backtest");
            return new Na();
        }
        return switch (fn) {
            case "strategy" -> declareStrategy(ctx, args);
            case "indicator", "study", "library" -> throw new Unsupported(ctx, "NOT_A_STRATEGY", "an " + fn
                    + "() script places no orders; import a strategy() script");
            case "input", "input.int", "input.float" -> input(ctx, fn, args);
            case "input.source" -> {
                report(Severity.INFO, "INPUT_SOURCE", ctx, "input.source is fixed at its default");
                yield series(expr(args, 0, "defval", ctx), ctx);
            }
            case "input.bool" -> {
                PineValue def = expr(args, 0, "defval", ctx);
                report(Severity.INFO, "INPUT_BOOL", ctx, "input.bool is fixed at its default (" + def + ")");
                yield def;
            }
            case "input.string" -> expr(args, 0, "defval", ctx);
            case "ta.sma" -> simple(ctx, args, "SMA");
            case "ta.ema" -> simple(ctx, args, "EMA");
            case "ta.rsi" -> simple(ctx, args, "RSI");
            case "ta.stdev" -> simple(ctx, args, "STDDEV");
            case "ta.roc" -> simple(ctx, args, "ROC");
            case "ta.highest", "ta.lowest" -> extreme(ctx, args, fn.equals("ta.highest"));
            case "ta.atr" -> ownInputs(ctx, "ATR", Map.of("period", length(args, 0, "length", ctx)));
            case "ta.macd" -> {
                Series src = series(expr(args, 0, "source", ctx), ctx);
                Num fast = length(args, 1, "fastlen", ctx);
                Num slow = length(args, 2, "slowlen", ctx);
                Num signal = length(args, 3, "siglen", ctx);
                Series line = indicator(src, "MACD", orderedMap("fast", fast, "slow", slow));
                Series signalLine = indicator(line, "EMA", Map.of("period", signal));
                yield new Tuple(List.of(line, signalLine, new Diff(line, signalLine)));
            }
            case "ta.bb" -> {
                Series src = series(expr(args, 0, "series", ctx), ctx);
                Num len = length(args, 1, "length", ctx);
                Num mult = num(expr(args, 2, "mult", ctx), args.get(2, "mult"));
                yield new Tuple(List.of(indicator(src, "BB_MIDDLE", Map.of("period", len)),
                        indicator(src, "BB_UPPER", orderedMap("period", len, "k", mult)),
                        indicator(src, "BB_LOWER", orderedMap("period", len, "k", mult))));
            }
            case "ta.stoch" -> {
                for (String[] expected : new String[][] {{"0", "source", "close"}, {"1", "high", "high"},
                        {"2", "low", "low"}}) {
                    PineParser.ExpressionContext e = args.get(Integer.parseInt(expected[0]), expected[1]);
                    if (e == null || !e.getText().equals(expected[2])) {
                        throw new Unsupported(e == null ? ctx : e, "UNSUPPORTED_ARGUMENT", "ta.stoch is supported "
                                + "as ta.stoch(close, high, low, length)");
                    }
                }
                yield ownInputs(ctx, "STOCH", Map.of("period", length(args, 3, "length", ctx)));
            }
            case "ta.supertrend" -> {
                Num factor = num(expr(args, 0, "factor", ctx), args.get(0, "factor"));
                Num period = length(args, 1, "atrPeriod", ctx);
                Map<String, Num> a = orderedMap("period", period, "k", factor);
                yield new Tuple(List.of(ownInputs(ctx, "SUPERTREND", a), ownInputs(ctx, "SUPERTREND_DIR", a)));
            }
            case "ta.crossover", "ta.crossunder" -> {
                PineValue a = expr(args, 0, "source1", ctx);
                PineValue b = expr(args, 1, "source2", ctx);
                if (a instanceof Num && b instanceof Num) {
                    throw new Unsupported(ctx, "CONSTANT_CROSS", fn + " of two constants never happens");
                }
                yield new Cond(binary(fn.equals("ta.crossover") ? "crossUp" : "crossDown", a, b, ctx));
            }
            case "ta.cross" -> {
                PineValue a = expr(args, 0, "source1", ctx);
                PineValue b = expr(args, 1, "source2", ctx);
                yield new Cond(combine("or", binary("crossUp", a, b, ctx), binary("crossDown", a, b, ctx)));
            }
            case "ta.change" -> {
                Series s = series(expr(args, 0, "source", ctx), ctx);
                PineParser.ExpressionContext lenCtx = args.get(1, "length");
                Num bars = lenCtx == null ? new Num(1, null) : length(args, 1, "length", ctx);
                yield new Diff(s, indicator(s, "PREVIOUS", Map.of("bars", bars)));
            }
            case "na" -> {
                report(Severity.INFO, "NA_CHECK", ctx, "na() is false once indicators have warmed up; the engine "
                        + "makes no decision before that");
                yield new Bool(false);
            }
            case "strategy.entry" -> entry(ctx, args);
            case "strategy.close" -> {
                PineValue id = expr(args, 0, "id", ctx);
                if (!(id instanceof Text text)) {
                    throw new Unsupported(ctx, "EXPECTED_STRING", "strategy.close needs the entry id as a string");
                }
                closes.add(new Close(text.value(), orderCondition(args, ctx), ctx));
                yield new Na();
            }
            case "strategy.close_all" -> {
                closes.add(new Close(null, orderCondition(args, ctx), ctx));
                yield new Na();
            }
            case "strategy.exit" -> exit(ctx, args);
            default -> throw new Unsupported(ctx.qualifiedName(), "UNSUPPORTED_FUNCTION", "'" + fn + "' is not "
                    + "supported (supported: input.*, ta.sma, ta.ema, ta.rsi, ta.macd, ta.bb, ta.stdev, ta.atr, "
                    + "ta.stoch, ta.supertrend, ta.highest, ta.lowest, ta.roc, ta.change, ta.crossover, "
                    + "ta.crossunder, ta.cross, strategy.entry/exit/close/close_all)");
        };
    }

    private static <V> Map<String, V> orderedMap(String k1, V v1, String k2, V v2) {
        Map<String, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private PineValue expr(Args args, int index, String name, ParserRuleContext call) {
        PineParser.ExpressionContext e = args.get(index, name);
        if (e == null) {
            throw new Unsupported(call, "MISSING_ARGUMENT", "argument '" + name + "' is required");
        }
        return e.accept(this);
    }

    private Num num(PineValue v, ParserRuleContext ctx) {
        if (v instanceof Num n) {
            return n;
        }
        if (v instanceof Input input) {
            return declareParameter("input" + (++anonymousInputs), input);
        }
        throw new Unsupported(ctx, "EXPECTED_NUMBER", "expected a number or an input here");
    }

    private Num length(Args args, int index, String name, ParserRuleContext call) {
        PineParser.ExpressionContext e = args.get(index, name);
        Num n = num(expr(args, index, name, call), e);
        if (n.parameter() == null && (n.value() != Math.rint(n.value()) || n.value() < 1)) {
            throw new Unsupported(e, "INVALID_LENGTH", name + " must be a whole number from 1, was " + fmt(n.value()));
        }
        if (n.parameter() != null) {
            ObjectNode spec = (ObjectNode) parameters.get(n.parameter());
            if (!spec.path("integer").asBoolean() || spec.path("min").asDouble() < 1) {
                throw new Unsupported(e, "INVALID_LENGTH", "input '" + n.parameter() + "' feeds " + name
                        + ", so it must be an input.int with minval >= 1");
            }
        }
        return n;
    }

    private Series simple(ParserRuleContext ctx, Args args, String type) {
        Series src = series(expr(args, 0, "source", ctx), args.get(0, "source"));
        return indicator(src, type, Map.of("period", length(args, 1, "length", ctx)));
    }

    private Series extreme(ParserRuleContext ctx, Args args, boolean highest) {
        Series src;
        Num len;
        if (args.positional().size() + args.named().size() == 1) {
            src = new Series(TextNode.valueOf(highest ? "high" : "low"), null);
            len = length(args, 0, "length", ctx);
        } else {
            src = series(expr(args, 0, "source", ctx), args.get(0, "source"));
            len = length(args, 1, "length", ctx);
        }
        return indicator(src, highest ? "HIGHEST" : "LOWEST", Map.of("period", len));
    }

    private static Series indicator(Series input, String type, Map<String, Num> arguments) {
        ObjectNode def = JSON.objectNode();
        def.put("type", type);
        def.set("input", input.operand());
        arguments.forEach((k, v) -> def.set(k, number(v)));
        return new Series(def, def);
    }

    private static Series ownInputs(ParserRuleContext ctx, String type, Map<String, Num> arguments) {
        ObjectNode def = JSON.objectNode();
        def.put("type", type);
        arguments.forEach((k, v) -> def.set(k, number(v)));
        return new Series(def, def);
    }

    private PineValue input(ParserRuleContext ctx, String fn, Args args) {
        PineValue def = expr(args, 0, "defval", ctx);
        if (def instanceof Series s) {
            report(Severity.INFO, "INPUT_SOURCE", ctx, "a source input is fixed at its default");
            return s;
        }
        if (def instanceof Bool || def instanceof Text) {
            return def;
        }
        if (!(def instanceof Num n)) {
            throw new Unsupported(ctx, "UNSUPPORTED_INPUT", "input default must be a number, a bool or a source");
        }
        boolean integer = fn.equals("input.int") || (fn.equals("input") && n.value() == Math.rint(n.value())
                && !args.get(0, "defval").getText().contains("."));
        Double min = optionalNumber(args, 2, "minval");
        Double max = optionalNumber(args, 3, "maxval");
        return new Input(n.value(), integer, min, max);
    }

    private Double optionalNumber(Args args, int index, String name) {
        PineParser.ExpressionContext e = args.named().get(name);
        if (e == null) {
            return null;
        }
        PineValue v = e.accept(this);
        return v instanceof Num n ? n.value() : null;
    }

    /** A Pine input becomes a declared rule parameter; bounds default to a wide range around the default. */
    private Num declareParameter(String paramName, Input input) {
        ObjectNode spec = parameters.putObject(paramName);
        double def = input.value();
        double min = input.min() != null ? input.min() : input.integer() ? Math.min(1, def) : Math.min(0, def);
        double max = input.max() != null ? input.max() : Math.max(def * 10, input.integer() ? 1000 : 100);
        spec.put("default", input.integer() ? JSON.numberNode((long) def).asDouble() : def);
        spec.put("min", min);
        spec.put("max", max);
        spec.put("integer", input.integer());
        return new Num(def, paramName);
    }

    private PineValue declareStrategy(ParserRuleContext ctx, Args args) {
        declared = true;
        PineParser.ExpressionContext title = args.get(0, "title");
        if (title != null && title.accept(this) instanceof Text t) {
            name = t.value();
        }
        for (Map.Entry<String, PineParser.ExpressionContext> e : args.named().entrySet()) {
            String key = e.getKey();
            PineValue v = e.getValue().accept(this);
            switch (key) {
                case "title", "shorttitle", "overlay", "format", "precision", "max_bars_back", "calc_on_order_fills",
                        "calc_on_every_tick", "max_lines_count", "max_labels_count", "max_boxes_count", "currency",
                        "default_qty_type", "commission_type", "backtest_fill_limits_assumption",
                        "process_orders_on_close", "close_entries_rule", "margin_long", "margin_short",
                        "explicit_plot_zorder", "max_polylines_count", "fill_orders_on_standard_ohlc",
                        "use_bar_magnifier", "risk_free_rate", "dynamic_requests", "behind_chart" -> {
                    // read together with their values below or not trade-relevant
                }
                case "initial_capital" -> backtest.put("initialCapital", num(v, e.getValue()).value());
                case "slippage" -> report(Severity.WARNING, "SLIPPAGE_TICKS", e.getValue(), "slippage in ticks is "
                        + "not translated; set the backtest's slippage as a fraction of the price");
                case "pyramiding" -> {
                    if (num(v, e.getValue()).value() > 1) {
                        report(Severity.WARNING, "PYRAMIDING", e.getValue(), "the engine holds one position at a "
                                + "time; pyramiding is not simulated");
                    }
                }
                case "commission_value" -> commission(ctx, args, num(v, e.getValue()).value());
                case "default_qty_value" -> quantity(ctx, args, num(v, e.getValue()).value());
                default -> report(Severity.INFO, "IGNORED_ARGUMENT", e.getValue(), "strategy(" + key + "=...) has "
                        + "no counterpart in the backtest and is ignored");
            }
        }
        PineParser.ExpressionContext process = args.named().get("process_orders_on_close");
        if (process != null && process.getText().equals("true")) {
            report(Severity.WARNING, "FILL_TIMING", process, "the engine always fills at the next bar's open "
                    + "(no look-ahead), not on the signal bar's close");
        }
        return new Na();
    }

    private void commission(ParserRuleContext ctx, Args args, double value) {
        PineParser.ExpressionContext type = args.named().get("commission_type");
        if (type == null || !type.getText().equals("strategy.commission.percent")) {
            report(Severity.WARNING, "COMMISSION", ctx, "only commission_type=strategy.commission.percent is "
                    + "translated; set the backtest's fees by hand");
            return;
        }
        ObjectNode fees = backtest.putObject("fees");
        fees.put("maker", value / 100);
        fees.put("taker", value / 100);
    }

    private void quantity(ParserRuleContext ctx, Args args, double value) {
        PineParser.ExpressionContext type = args.named().get("default_qty_type");
        String t = type == null ? "strategy.fixed" : type.getText();
        ObjectNode sizing = JSON.objectNode();
        switch (t) {
            case "strategy.percent_of_equity" -> {
                sizing.put("mode", "FRACTION");
                sizing.put("value", Math.min(1, value / 100));
            }
            case "strategy.cash" -> {
                sizing.put("mode", "FIXED");
                sizing.put("value", value);
            }
            default -> {
                sizing.put("mode", "UNITS");
                sizing.put("value", value);
            }
        }
        backtest.set("sizing", sizing);
    }

    private JsonNode orderCondition(Args args, ParserRuleContext ctx) {
        List<JsonNode> parts = new ArrayList<>();
        for (JsonNode g : guards) {
            if (g != null) {
                parts.add(g);
            }
        }
        PineParser.ExpressionContext when = args.named().get("when");
        if (when != null) {
            PineValue w = when.accept(this);
            if (w instanceof Bool b) {
                if (!b.value()) {
                    report(Severity.WARNING, "NEVER_TRUE", when, "when= is never true; this order never runs");
                    return null;
                }
            } else {
                parts.add(condition(w, when));
            }
        }
        if (parts.isEmpty()) {
            return JSON.nullNode();
        }
        JsonNode out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = combine("and", out, parts.get(i));
        }
        return out;
    }

    private PineValue entry(ParserRuleContext ctx, Args args) {
        PineValue id = expr(args, 0, "id", ctx);
        PineValue dir = expr(args, 1, "direction", ctx);
        if (!(id instanceof Text text)) {
            throw new Unsupported(ctx, "EXPECTED_STRING", "strategy.entry needs an id string");
        }
        if (!(dir instanceof Constant c) || !(c.name().equals("strategy.long") || c.name().equals("strategy.short"))) {
            throw new Unsupported(ctx, "EXPECTED_DIRECTION", "direction must be strategy.long or strategy.short");
        }
        for (String unsupported : List.of("limit", "stop", "oca_name", "oca_type")) {
            if (args.named().containsKey(unsupported)) {
                throw new Unsupported(args.named().get(unsupported), "UNSUPPORTED_ORDER", "strategy.entry(" + unsupported
                        + "=...) places a pending order; the engine enters at the next bar's open (put stop/limit "
                        + "on strategy.exit)");
            }
        }
        if (args.named().containsKey("qty") || args.positional().size() > 2) {
            report(Severity.WARNING, "ORDER_QTY", ctx, "the order quantity is set by the backtest's sizing, not "
                    + "by the script");
        }
        JsonNode when = orderCondition(args, ctx);
        if (when == null) {
            return new Na();
        }
        if (when.isNull()) {
            throw new Unsupported(ctx, "UNCONDITIONAL_ENTRY", "an entry on every bar has no condition to translate; "
                    + "put it inside an if block or give when=");
        }
        entries.add(new Entry(text.value(), c.name().equals("strategy.long"), when, ctx));
        return new Na();
    }

    private PineValue exit(ParserRuleContext ctx, Args args) {
        for (String unsupported : List.of("profit", "loss", "trail_price", "trail_points", "trail_offset", "qty",
                "qty_percent", "oca_name")) {
            if (args.named().containsKey(unsupported)) {
                throw new Unsupported(args.named().get(unsupported), "UNSUPPORTED_EXIT", "strategy.exit("
                        + unsupported + "=...) is not supported; write stop/limit as "
                        + "strategy.position_avg_price * (1 - x) / (1 + x)");
            }
        }
        for (JsonNode g : guards) {
            if (g != null) {
                throw new Unsupported(ctx, "CONDITIONAL_EXIT", "stop-loss and take-profit apply to every position; "
                        + "a strategy.exit inside a condition cannot be translated");
            }
        }
        PineParser.ExpressionContext from = args.get(1, "from_entry");
        String fromEntry = null;
        if (from != null) {
            if (!(from.accept(this) instanceof Text t)) {
                throw new Unsupported(from, "EXPECTED_STRING", "from_entry must be an entry id string");
            }
            fromEntry = t.value();
        }
        AvgPrice stop = priceLevel(args.named().get("stop"));
        AvgPrice limit = priceLevel(args.named().get("limit"));
        if (stop == null && limit == null) {
            throw new Unsupported(ctx, "EMPTY_EXIT", "strategy.exit needs stop= or limit=");
        }
        exits.add(new Exit(fromEntry, stop, limit, ctx));
        return new Na();
    }

    private AvgPrice priceLevel(PineParser.ExpressionContext e) {
        if (e == null) {
            return null;
        }
        PineValue v = e.accept(this);
        if (v instanceof AvgPrice p) {
            return p;
        }
        throw new Unsupported(e, "UNSUPPORTED_PRICE_LEVEL", "stop/limit must be relative to the entry, e.g. "
                + "strategy.position_avg_price * (1 - 0.02)");
    }

    // ---- the document ----

    private PineImport finish(ParserRuleContext script) {
        if (!declared) {
            report(Severity.ERROR, "NOT_A_STRATEGY", script, "no strategy(...) declaration: only strategy scripts "
                    + "place orders");
        }
        Map<String, Boolean> sides = new LinkedHashMap<>();
        JsonNode entryLong = null;
        JsonNode entryShort = null;
        for (Entry e : entries) {
            sides.put(e.id(), e.isLong());
            if (e.isLong()) {
                entryLong = entryLong == null ? e.when() : combine("or", entryLong, e.when());
            } else {
                entryShort = entryShort == null ? e.when() : combine("or", entryShort, e.when());
            }
        }
        if (entries.isEmpty() && diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
            report(Severity.ERROR, "NO_ENTRIES", script, "the script places no strategy.entry orders");
        }
        JsonNode exitLong = null;
        JsonNode exitShort = null;
        for (Close c : closes) {
            if (c.when() == null) {
                continue;
            }
            if (c.when().isNull()) {
                report(Severity.ERROR, "UNCONDITIONAL_EXIT", c.at(), "a close on every bar has no condition to "
                        + "translate; put it inside an if block");
                continue;
            }
            Boolean isLong = c.id() == null ? null : sides.get(c.id());
            if (c.id() != null && isLong == null) {
                report(Severity.ERROR, "UNKNOWN_ENTRY_ID", c.at(), "no strategy.entry with id '" + c.id() + "'");
                continue;
            }
            if (isLong == null || isLong) {
                exitLong = exitLong == null ? c.when() : combine("or", exitLong, c.when());
            }
            if (isLong == null || !isLong) {
                exitShort = exitShort == null ? c.when() : combine("or", exitShort, c.when());
            }
        }
        if (entryLong != null && entryShort != null) {
            // Pine: an entry in the other direction first closes the open position (a reversal)
            exitLong = exitLong == null ? entryShort : combine("or", exitLong, entryShort);
            exitShort = exitShort == null ? entryLong : combine("or", exitShort, entryLong);
            report(Severity.INFO, "REVERSAL", script, "an entry in the other direction closes the open position; "
                    + "the engine opens the new side on the next entry signal after the exit has filled");
        }
        exitLevels(sides);
        ObjectNode rules = JSON.objectNode();
        rules.put("name", name);
        rules.put("description", "Imported from Pine Script");
        if (!parameters.isEmpty()) {
            rules.set("parameters", parameters);
        }
        if (!indicators.isEmpty()) {
            rules.set("indicators", indicators);
        }
        if (entryLong != null) {
            rules.set("entryLong", entryLong);
        }
        if (exitLong != null && entryLong != null) {
            rules.set("exitLong", exitLong);
        }
        if (entryShort != null) {
            rules.set("entryShort", entryShort);
        }
        if (exitShort != null && entryShort != null) {
            rules.set("exitShort", exitShort);
        }
        backtest.put("direction", entryLong != null && entryShort != null ? "BOTH"
                : entryShort != null ? "SHORT" : "LONG");
        return new PineImport(name, rules, backtest, List.copyOf(diagnostics));
    }

    private void exitLevels(Map<String, Boolean> sides) {
        Double stop = null;
        Double target = null;
        for (Exit x : exits) {
            Boolean isLong = x.fromEntry() == null ? null : sides.get(x.fromEntry());
            if (x.fromEntry() != null && isLong == null) {
                report(Severity.ERROR, "UNKNOWN_ENTRY_ID", x.at(), "no strategy.entry with id '" + x.fromEntry() + "'");
                continue;
            }
            boolean longSide = isLong == null ? !sides.containsValue(false) || sides.containsValue(true) : isLong;
            Double s = x.stop() == null ? null : distance(x.stop().factor(), longSide, true, x.at());
            Double t = x.limit() == null ? null : distance(x.limit().factor(), longSide, false, x.at());
            if (s != null) {
                if (stop != null && Math.abs(stop - s) > 1e-12) {
                    report(Severity.ERROR, "CONFLICTING_EXITS", x.at(), "stop distances differ between exits; the "
                            + "engine applies one stop-loss to every position");
                }
                stop = s;
            }
            if (t != null) {
                if (target != null && Math.abs(target - t) > 1e-12) {
                    report(Severity.ERROR, "CONFLICTING_EXITS", x.at(), "limit distances differ between exits; the "
                            + "engine applies one take-profit to every position");
                }
                target = t;
            }
        }
        if (stop != null) {
            backtest.put("stopLoss", round(stop));
        }
        if (target != null) {
            backtest.put("takeProfit", round(target));
        }
    }

    private Double distance(double factor, boolean longSide, boolean stop, ParserRuleContext at) {
        double d = longSide == stop ? 1 - factor : factor - 1;
        if (d <= 0 || (stop && d >= 0.99)) {
            report(Severity.ERROR, "INVALID_PRICE_LEVEL", at, (stop ? "stop" : "limit") + " is on the wrong side of "
                    + "the entry price for a " + (longSide ? "long" : "short") + " position");
            return null;
        }
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 1e10) / 1e10;
    }

    private void report(Severity severity, String code, ParserRuleContext at, String message) {
        Token t = at == null ? null : at.getStart();
        int line = t == null ? 1 : t.getLine();
        int column = t == null ? 1 : t.getCharPositionInLine() + 1;
        diagnostics.add(new PineDiagnostic(severity, code, line, column, message));
    }

    private static String safeName(String var) {
        String s = var.replaceAll("[^A-Za-z0-9_]", "_");
        if (!Character.isLetter(s.charAt(0))) {
            s = "v" + s;
        }
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
