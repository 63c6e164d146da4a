package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;
import com.tradebot.dynamodb.value.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.ATTRIBUTE_NAME;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.CONDITION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.DISTINCT;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.FUNCTION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.MISUSED_FUNCTION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.NESTING;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.OPERAND_COUNT;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.REDUNDANT_PARENS;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.RESERVED;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.UNKNOWN_FUNCTION;

/**
 * Grammar of condition, filter and key-condition expressions (precedence NOT > AND > OR):
 * <pre>
 * or       := and (OR and)*
 * and      := not (AND not)*
 * not      := NOT not | primary
 * primary  := '(' or ')' [comparison-tail] | operand [comparison-tail]
 * tail     := comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')'
 * operand  := '(' operand ')' [path-steps] | function '(' operand (',' operand)* ')' | :value | path
 * </pre>
 * A parenthesised group may hold an operand ({@code (a) = :v}) or a condition, so primary yields either.
 */
final class ConditionParser extends ExpressionParser {
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Map<String, Integer> ARITY = Map.of(
            "attribute_exists", 1, "attribute_not_exists", 1, "attribute_type", 2,
            "begins_with", 2, "contains", 2, "size", 1);
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");
    private static final int MAX_IN_OPERANDS = 100;
    /** Within one condition, DynamoDB reports these kinds in this order. */
    private static final List<SemanticErrors.Kind> LEAF_ORDER = List.of(ATTRIBUTE_NAME, OPERAND_COUNT, DISTINCT, FUNCTION);
    private static final List<SemanticErrors.Kind> FINAL_ORDER =
            List.of(NESTING, REDUNDANT_PARENS, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED, CONDITION);

    ConditionParser(String text, String parameterName, ExpressionContext context) {
        super(text, parameterName, context);
    }

    @Override
    protected Set<String> keywords() {
        return KEYWORDS;
    }

    @Override
    protected boolean isOperatorWord(Token token) {
        return isKeyword(token);
    }

    Condition parseCondition() {
        Node node = parseOr();
        expectEnd();
        Condition condition = toCondition(node, pos);
        errors.settle(CONDITION, LEAF_ORDER);
        errors.throwFirst(parameterName, FINAL_ORDER);
        return condition;
    }

    private Node parseOr() {
        Node left = parseAnd();
        while (atKeyword("OR")) {
            int operator = pos;
            next();
            Condition l = toCondition(left, operator);
            Node right = parseAnd();
            left = new Condition.Or(l, toCondition(right, pos));
        }
        return left;
    }

    private Node parseAnd() {
        Node left = parseNot();
        while (atKeyword("AND")) {
            int operator = pos;
            next();
            Condition l = toCondition(left, operator);
            Node right = parseNot();
            left = new Condition.And(l, toCondition(right, pos));
        }
        return left;
    }

    private Node parseNot() {
        if (atKeyword("NOT")) {
            next();
            Node inner = parseNot();
            return new Condition.Not(toCondition(inner, pos));
        }
        return parsePrimary();
    }

    private Node parsePrimary() {
        if (at(Token.Type.LPAREN)) {
            int open = pos;
            next();
            Node inner = parseOr();
            expect(Token.Type.RPAREN);
            if (wrapsRedundantParens(open)) {
                errors.report(REDUNDANT_PARENS, "The expression has redundant parentheses;");
            }
            if (inner instanceof Operand.PathRef ref && atPathStep()) {
                inner = new Operand.PathRef(continuePath(ref.path(), ATTRIBUTE_NAME)); // (a.b).c
            }
            if (inner instanceof Operand operand && atComparisonTail()) {
                return parseComparisonTail(operand);
            }
            return inner;
        }
        Operand operand = parseOperand();
        return atComparisonTail() ? parseComparisonTail(operand) : operand;
    }

    private boolean atComparisonTail() {
        return comparator(peek()) != null || atKeyword("BETWEEN") || atKeyword("IN");
    }

    private static Condition.Comparator comparator(Token token) {
        return switch (token.type()) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.LT;
            case LE -> Condition.Comparator.LE;
            case GT -> Condition.Comparator.GT;
            case GE -> Condition.Comparator.GE;
            default -> null;
        };
    }

    private Condition parseComparisonTail(Operand left) {
        Condition.Comparator comparator = comparator(peek());
        Condition result;
        if (comparator != null) {
            next();
            Operand right = parseOperandInParens();
            checkMisused(List.of(left, right));
            checkDistinct(comparator.symbol, List.of(left, right));
            if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
                checkOrderable(comparator.symbol, left);
                checkOrderable(comparator.symbol, right);
            }
            result = new Condition.Compare(comparator, left, right);
        } else if (atKeyword("BETWEEN")) {
            next();
            Operand low = parseOperandInParens();
            if (!atKeyword("AND")) {
                throw syntaxError();
            }
            next();
            Operand high = parseOperandInParens();
            checkMisused(List.of(left, low, high));
            checkOrderable("BETWEEN", low);
            checkOrderable("BETWEEN", high);
            checkBetweenBounds(low, high);
            result = new Condition.Between(left, low, high);
        } else {
            next(); // IN
            expect(Token.Type.LPAREN);
            List<Operand> candidates = parseOperandList();
            List<Operand> all = new ArrayList<>(candidates);
            all.add(0, left);
            checkMisused(all);
            if (candidates.size() > MAX_IN_OPERANDS) {
                errors.report(FUNCTION, "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            result = new Condition.In(left, candidates);
        }
        errors.settle(CONDITION, LEAF_ORDER);
        return result;
    }

    /** Operands up to and including the closing ')'; the '(' is already consumed. */
    private List<Operand> parseOperandList() {
        List<Operand> operands = new ArrayList<>();
        operands.add(parseOperandInParens());
        while (at(Token.Type.COMMA)) {
            next();
            operands.add(parseOperandInParens());
        }
        expect(Token.Type.RPAREN);
        return operands;
    }

    private Operand parseOperandInParens() {
        if (at(Token.Type.LPAREN)) {
            int open = pos;
            next();
            Operand operand = parseOperandInParens();
            expect(Token.Type.RPAREN);
            if (wrapsRedundantParens(open)) {
                errors.report(REDUNDANT_PARENS, "The expression has redundant parentheses;");
            }
            if (operand instanceof Operand.PathRef ref && atPathStep()) {
                return new Operand.PathRef(continuePath(ref.path(), ATTRIBUTE_NAME)); // (a.b).c
            }
            return operand;
        }
        return parseOperand();
    }

    private Operand parseOperand() {
        Token token = peek();
        if (token.is(Token.Type.VALUE_REF)) {
            return parseValueRef(ATTRIBUTE_NAME);
        }
        if (token.is(Token.Type.IDENTIFIER) && !isKeyword(token) && peek(1).is(Token.Type.LPAREN)) {
            return parseCall();
        }
        if (token.is(Token.Type.NAME_REF) || (token.is(Token.Type.IDENTIFIER) && !isKeyword(token))) {
            return new Operand.PathRef(parsePath(ATTRIBUTE_NAME));
        }
        throw syntaxError();
    }

    private Operand.Call parseCall() {
        String name = next().text();
        expect(Token.Type.LPAREN);
        List<Operand> args = parseOperandList();
        checkMisused(args);
        return new Operand.Call(name, args, checkFunction(name, args));
    }

    /** Checks a call's name, arity and operand types; returns its result type. */
    private String checkFunction(String name, List<Operand> args) {
        Integer arity = ARITY.get(name);
        if (arity == null) {
            errors.report(UNKNOWN_FUNCTION, ExpressionErrors.unknownFunction(name));
            return null;
        }
        if (arity != args.size()) {
            errors.report(OPERAND_COUNT, ExpressionErrors.operandCount(name, args.size()));
            return null;
        }
        checkDistinct(name, args);
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!(args.get(0) instanceof Operand.PathRef)) {
                    errors.report(FUNCTION, ExpressionErrors.requiresPath(name));
                }
                return "BOOL";
            }
            case "begins_with" -> {
                for (Operand arg : args) {
                    String type = arg.staticType();
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        errors.report(FUNCTION, ExpressionErrors.operandType(name, type));
                        break;
                    }
                }
                return "BOOL";
            }
            case "attribute_type" -> {
                String type = args.get(1).staticType();
                if (!"S".equals(type)) {
                    errors.report(FUNCTION, ExpressionErrors.operandType(name,
                            type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type));
                } else {
                    String typeName = ((AttributeValue.S) ((Operand.Constant) args.get(1)).value()).value();
                    if (!TYPE_NAMES.contains(typeName)) {
                        errors.report(FUNCTION, "Invalid attribute type name found; type: " + typeName
                                + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                    }
                }
                return "BOOL";
            }
            case "size" -> {
                String type = args.get(0).staticType();
                if ("N".equals(type) || "BOOL".equals(type) || "NULL".equals(type)) {
                    errors.report(FUNCTION, ExpressionErrors.operandType(name, type));
                }
                return "N";
            }
            default -> {
                return "BOOL"; // contains
            }
        }
    }

    /** Only size() may stand as an operand; other functions are conditions in their own right. */
    private void checkMisused(List<Operand> operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Call call && !call.name().equals("size")) {
                errors.report(MISUSED_FUNCTION, ExpressionErrors.misusedFunction(call.name()));
                return;
            }
        }
    }

    private void checkDistinct(String operator, List<Operand> operands) {
        if (operands.size() == 2 && operands.get(0) instanceof Operand.PathRef first
                && operands.get(1) instanceof Operand.PathRef second && first.path().equals(second.path())) {
            errors.report(DISTINCT, "The first operand must be distinct from the remaining operands for this operator "
                    + "or function; operator: " + operator + ", first operand: " + first.path());
        }
    }

    private void checkOrderable(String operator, Operand operand) {
        String type = operand instanceof Operand.Constant ? operand.staticType() : null;
        if (type != null && !type.equals("S") && !type.equals("N") && !type.equals("B")) {
            errors.report(FUNCTION, ExpressionErrors.operandType(operator, type));
        }
    }

    private void checkBetweenBounds(Operand low, Operand high) {
        if (!(low instanceof Operand.Constant lc && high instanceof Operand.Constant hc)
                || lc.value() == null || hc.value() == null) {
            return;
        }
        AttributeValue lv = lc.value();
        AttributeValue hv = hc.value();
        String bounds = "lower bound operand: AttributeValue: {" + lv.type() + ":" + render(lv) + "}, "
                + "upper bound operand: AttributeValue: {" + hv.type() + ":" + render(hv) + "}";
        if (!lv.type().equals(hv.type())) {
            errors.report(FUNCTION, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        } else if (Comparisons.ordered(lv, hv)
                && AttributeValues.compareKeys(lv, hv) > 0) {
            errors.report(FUNCTION, "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                    + "bound; " + bounds);
        }
    }

    private static String render(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return Numbers.format(n.value());
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().toBase64();
        }
        return value.toString();
    }

    /** A node used where a condition is required: a function call becomes one, a bare operand is a syntax error. */
    private Condition toCondition(Node node, int errorToken) {
        if (node instanceof Condition condition) {
            return condition;
        }
        if (node instanceof Operand.Call call) {
            Condition condition = functionCondition(call);
            errors.settle(CONDITION, LEAF_ORDER);
            return condition;
        }
        throw syntaxErrorAt(errorToken);
    }

    private Condition functionCondition(Operand.Call call) {
        if (call.name().equals("size")) {
            errors.report(MISUSED_FUNCTION, ExpressionErrors.misusedFunction("size"));
            return Condition.Invalid.INSTANCE;
        }
        Integer arity = ARITY.get(call.name());
        if (arity == null || arity != call.args().size()) {
            return Condition.Invalid.INSTANCE; // already reported
        }
        List<Operand> args = call.args();
        return switch (call.name()) {
            case "attribute_exists" -> args.get(0) instanceof Operand.PathRef p
                    ? new Condition.AttributeExists(p.path()) : Condition.Invalid.INSTANCE;
            case "attribute_not_exists" -> args.get(0) instanceof Operand.PathRef p
                    ? new Condition.AttributeNotExists(p.path()) : Condition.Invalid.INSTANCE;
            case "attribute_type" -> new Condition.AttributeType(args.get(0), args.get(1));
            case "begins_with" -> new Condition.BeginsWith(args.get(0), args.get(1));
            default -> new Condition.Contains(args.get(0), args.get(1));
        };
    }
}
