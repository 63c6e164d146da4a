package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.ATTRIBUTE_NAME;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.ATTRIBUTE_VALUE;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.FUNCTION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.MISUSED_FUNCTION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.NESTING;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.OPERAND_TYPE;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.PATH_CONFLICT;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.PATH_OVERLAP;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.RESERVED;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.SECTION;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.UNKNOWN_FUNCTION;

/**
 * Grammar of update expressions (clauses in any order, each at most once):
 * <pre>
 * update   := clause+
 * clause   := SET set (',' set)* | REMOVE path (',' path)* | ADD path :value (, ...)* | DELETE path :value (, ...)*
 * set      := path '=' ( '(' sum ')' | sum )
 * sum      := operand [('+' | '-') operand]
 * operand  := '(' operand ')' | function '(' operand (',' operand)* ')' | :value | path
 * </pre>
 */
final class UpdateParser extends ExpressionParser {
    private static final Set<String> KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE");
    private static final Map<String, Integer> ARITY = Map.of("if_not_exists", 2, "list_append", 2);
    private static final Map<String, String> OPERAND_TYPE_NAMES = Map.of(
            "S", "STRING", "N", "NUMBER", "B", "BINARY", "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");
    private static final List<SemanticErrors.Kind> ORDER = List.of(NESTING, RESERVED, UNKNOWN_FUNCTION,
            MISUSED_FUNCTION, SECTION, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, PATH_OVERLAP, PATH_CONFLICT, OPERAND_TYPE,
            FUNCTION);

    private final Set<String> clausesSeen = new HashSet<>();
    private final List<UpdateAction> actions = new ArrayList<>();

    UpdateParser(String text, ExpressionContext context) {
        super(text, "UpdateExpression", context);
    }

    @Override
    protected Set<String> keywords() {
        return KEYWORDS;
    }

    @Override
    protected boolean equalsIsOperator() {
        return false;
    }

    UpdateExpression parseUpdate() {
        do {
            parseClause();
        } while (!at(Token.Type.EOF));
        checkPathsDisjoint(actions.stream().map(UpdateAction::path).toList());
        errors.throwFirst(parameterName, ORDER);
        return new ParsedUpdate(actions);
    }

    private void parseClause() {
        Token keyword = peek();
        if (!isKeyword(keyword)) {
            throw syntaxError();
        }
        next();
        String clause = keyword.text().toUpperCase(Locale.ROOT);
        if (!clausesSeen.add(clause)) {
            errors.report(SECTION, "The \"" + clause + "\" section can only be used once in an update expression;");
        }
        actions.add(parseAction(clause));
        while (at(Token.Type.COMMA)) {
            next();
            actions.add(parseAction(clause));
        }
    }

    private UpdateAction parseAction(String clause) {
        Path path = parsePath(ATTRIBUTE_NAME);
        switch (clause) {
            case "SET" -> {
                expect(Token.Type.EQ);
                return new UpdateAction.Set(path, parseSetValue());
            }
            case "REMOVE" -> {
                return new UpdateAction.Remove(path);
            }
            default -> {
                AttributeValue value = parseValueRef(ATTRIBUTE_VALUE).value();
                checkSetOperand(clause, value);
                return clause.equals("ADD") ? new UpdateAction.Add(path, value) : new UpdateAction.Delete(path, value);
            }
        }
    }

    /** ADD takes a number or a set, DELETE a set. */
    private void checkSetOperand(String clause, AttributeValue value) {
        if (value == null) {
            return;
        }
        String typeName = OPERAND_TYPE_NAMES.get(value.type());
        if (typeName != null && !(clause.equals("ADD") && value.type().equals("N"))) {
            errors.report(OPERAND_TYPE,
                    "Incorrect operand type for operator or function; operator: " + clause + ", operand type: " + typeName);
        }
    }

    private UpdateValue parseSetValue() {
        if (at(Token.Type.LPAREN)) {
            next();
            UpdateValue inner = parseSum();
            expect(Token.Type.RPAREN);
            if (!(inner instanceof UpdateValue.Arithmetic) && (at(Token.Type.PLUS) || at(Token.Type.MINUS))) {
                return parseArithmeticTail(inner); // "(a) + b": the parentheses held only the first operand
            }
            return inner;
        }
        return parseSum();
    }

    private UpdateValue parseSum() {
        UpdateValue left = parseOperand();
        if (at(Token.Type.PLUS) || at(Token.Type.MINUS)) {
            return parseArithmeticTail(left);
        }
        return left;
    }

    private UpdateValue parseArithmeticTail(UpdateValue left) {
        boolean plus = next().is(Token.Type.PLUS);
        UpdateValue right = parseOperand();
        String operator = plus ? "+" : "-";
        for (UpdateValue operand : List.of(left, right)) {
            String type = operand.constantType();
            if (type != null && !type.equals("N")) {
                errors.report(FUNCTION, ExpressionErrors.operandType(operator, type));
                break;
            }
        }
        return new UpdateValue.Arithmetic(plus, left, right);
    }

    private UpdateValue parseOperand() {
        Token token = peek();
        if (token.is(Token.Type.LPAREN)) {
            next();
            UpdateValue inner = parseOperand();
            expect(Token.Type.RPAREN);
            return inner;
        }
        if (token.is(Token.Type.VALUE_REF)) {
            return new UpdateValue.Constant(parseValueRef(ATTRIBUTE_VALUE).value());
        }
        if (token.is(Token.Type.IDENTIFIER) && !isKeyword(token) && peek(1).is(Token.Type.LPAREN)) {
            return parseCall();
        }
        if (token.is(Token.Type.NAME_REF) || (token.is(Token.Type.IDENTIFIER) && !isKeyword(token))) {
            return new UpdateValue.Ref(parsePath(ATTRIBUTE_NAME));
        }
        throw syntaxError();
    }

    private UpdateValue parseCall() {
        String name = next().text();
        expect(Token.Type.LPAREN);
        List<UpdateValue> args = new ArrayList<>();
        args.add(parseOperand());
        while (at(Token.Type.COMMA)) {
            next();
            args.add(parseOperand());
        }
        expect(Token.Type.RPAREN);
        Integer arity = ARITY.get(name);
        if (arity == null) {
            errors.report(UNKNOWN_FUNCTION, ExpressionErrors.unknownFunction(name));
            return new UpdateValue.Constant(null);
        }
        if (arity != args.size()) {
            errors.report(FUNCTION, ExpressionErrors.operandCount(name, args.size()));
            return new UpdateValue.Constant(null);
        }
        if (name.equals("if_not_exists")) {
            if (!(args.get(0) instanceof UpdateValue.Ref ref)) {
                errors.report(FUNCTION, ExpressionErrors.requiresPath(name));
                return new UpdateValue.Constant(null);
            }
            return new UpdateValue.IfNotExists(ref.path(), args.get(1));
        }
        for (UpdateValue arg : args) {
            if (arg instanceof UpdateValue.ListAppend) {
                // DynamoDB refuses list_append(list_append(...), ...) although it parses it
                errors.report(MISUSED_FUNCTION, ExpressionErrors.misusedFunction(name));
            }
            String type = arg.constantType();
            if (type != null && !type.equals("L")) {
                errors.report(FUNCTION, ExpressionErrors.operandType(name, type));
            }
        }
        return new UpdateValue.ListAppend(args.get(0), args.get(1));
    }
}
