package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shared machinery of the recursive-descent parsers: the token cursor, DynamoDB's syntax-error form,
 * document paths and name/value references. Hand-written rather than generated because DynamoDB's
 * messages name the offending token and its neighbours, which needs token-level control.
 */
abstract class ExpressionParser {
    /** DynamoDB's limit on the depth of a document path. */
    static final int MAX_PATH_DEPTH = 32;
    /** DynamoDB's limit on any expression string: 4 KB of UTF-8, counted as sent (before name substitution). */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** DynamoDB's limit on operators and functions in one expression. */
    static final int MAX_OPERATORS = 300;
    /**
     * Parentheses nested deeper than this cannot all be needed: with at most 300 operators and 32 path levels, a
     * deeper group wraps another group alone, which DynamoDB refuses as redundant. Bounding the depth before
     * parsing bounds the recursion of the descent parsers, so no input can exhaust a thread's stack.
     */
    static final int MAX_PAREN_DEPTH = MAX_OPERATORS + MAX_PATH_DEPTH + 8;

    protected final String text;
    protected final String parameterName;
    protected final ExpressionContext context;
    protected final List<Token> tokens;
    protected final SemanticErrors errors = new SemanticErrors();
    /** For each '(' token, the index of its matching ')' (or -1); used to spot redundant parentheses. */
    private final int[] matchingParen;
    protected int pos;

    ExpressionParser(String text, String parameterName, ExpressionContext context) {
        if (text == null || text.isEmpty()) {
            throw ExpressionErrors.invalid(parameterName, "The expression can not be empty;");
        }
        int bytes = utf8Length(text);
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw ExpressionErrors.invalid(parameterName,
                    "Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        this.text = text;
        this.parameterName = parameterName;
        this.context = context;
        this.tokens = Tokenizer.tokenize(text);
        int operators = countOperators();
        if (operators > MAX_OPERATORS) {
            throw ExpressionErrors.invalid(parameterName,
                    "The expression contains too many operators; operator count: " + operators);
        }
        this.matchingParen = matchParens(tokens);
    }

    /** Operators and function calls as DynamoDB counts them against its limit of 300. */
    private int countOperators() {
        int count = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.type()) {
                case NE, LT, LE, GT, GE, PLUS, MINUS -> count++;
                case EQ -> count += equalsIsOperator() ? 1 : 0;
                case IDENTIFIER -> {
                    if (i + 1 < tokens.size() && tokens.get(i + 1).is(Token.Type.LPAREN) || isOperatorWord(token)) {
                        count++;
                    }
                }
                default -> {
                }
            }
        }
        return count;
    }

    /** In a condition '=' compares; in an update's SET it assigns and is not counted. */
    protected boolean equalsIsOperator() {
        return true;
    }

    /** Keywords that are operators in this kind of expression (AND, OR, NOT, BETWEEN, IN in conditions). */
    protected boolean isOperatorWord(Token token) {
        return false;
    }

    private static int utf8Length(String text) {
        int bytes = text.length();
        if (bytes * 3 <= MAX_EXPRESSION_BYTES) {
            return bytes; // cannot exceed the limit whatever the characters: skip the count
        }
        bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Words that are grammar, not names, in this kind of expression (matched without regard to case). */
    protected abstract Set<String> keywords();

    protected Token peek() {
        return tokens.get(pos);
    }

    protected Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    protected Token next() {
        Token token = tokens.get(pos);
        if (!token.is(Token.Type.EOF)) {
            pos++;
        }
        return token;
    }

    protected boolean at(Token.Type type) {
        return peek().is(type);
    }

    protected boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    protected Token expect(Token.Type type) {
        if (!at(type)) {
            throw syntaxError();
        }
        return next();
    }

    protected void expectEnd() {
        if (!at(Token.Type.EOF)) {
            throw syntaxError();
        }
    }

    protected boolean isKeyword(Token token) {
        return token.is(Token.Type.IDENTIFIER) && keywords().contains(token.text().toUpperCase(Locale.ROOT));
    }

    protected DynamoDbException syntaxError() {
        return syntaxErrorAt(pos);
    }

    /** DynamoDB's form: the token, and the source from the previous token's start to the next token's end. */
    protected DynamoDbException syntaxErrorAt(int index) {
        Token token = tokens.get(index);
        int from = index > 0 ? tokens.get(index - 1).start() : token.start();
        int to = token.is(Token.Type.EOF) ? (index > 0 ? tokens.get(index - 1).end() : 0) : token.end();
        if (index + 1 < tokens.size() && !tokens.get(index + 1).is(Token.Type.EOF)) {
            to = tokens.get(index + 1).end();
        }
        to = Math.max(from, to); // a blank expression: nothing to quote
        return ExpressionErrors.invalid(parameterName,
                "Syntax error; token: \"" + token.display() + "\", near: \"" + text.substring(from, to) + "\"");
    }

    /** True when the '(' at {@code open} directly wraps another parenthesised group: {@code ((x))}. */
    protected boolean wrapsRedundantParens(int open) {
        int close = matchingParen[open];
        int innerOpen = open + 1;
        return close > 0 && tokens.get(innerOpen).is(Token.Type.LPAREN) && matchingParen[innerOpen] == close - 1;
    }

    /**
     * A document path: a name or {@code #ref}, then {@code .name}, {@code .#ref} or {@code [n]} steps.
     * Bare names that are reserved words are reported; undefined {@code #refs} are reported under
     * {@code undefinedKind}.
     */
    protected Path parsePath(SemanticErrors.Kind undefinedKind) {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Name(parseName(undefinedKind)));
        return parsePathSteps(elements, undefinedKind);
    }

    /** Continues a path already parsed, e.g. after the closing parenthesis of {@code (a.b).c}. */
    protected Path continuePath(Path head, SemanticErrors.Kind undefinedKind) {
        return parsePathSteps(new ArrayList<>(head.elements()), undefinedKind);
    }

    protected boolean atPathStep() {
        return at(Token.Type.DOT) || at(Token.Type.LBRACKET);
    }

    private Path parsePathSteps(List<Path.Element> elements, SemanticErrors.Kind undefinedKind) {
        while (atPathStep()) {
            if (next().is(Token.Type.DOT)) {
                elements.add(new Path.Name(parseName(undefinedKind)));
            } else {
                Token number = expect(Token.Type.NUMBER);
                expect(Token.Type.RBRACKET);
                elements.add(new Path.Index(parseIndex(number)));
            }
        }
        if (elements.size() > MAX_PATH_DEPTH) {
            errors.report(SemanticErrors.Kind.NESTING,
                    "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new Path(elements);
    }

    private String parseName(SemanticErrors.Kind undefinedKind) {
        Token token = peek();
        if (token.is(Token.Type.NAME_REF)) {
            next();
            String name = context.resolveName(token.text());
            if (name == null) {
                errors.report(undefinedKind, ExpressionErrors.undefinedName(token.text()));
                return token.text();
            }
            return name;
        }
        if (token.is(Token.Type.IDENTIFIER) && !isKeyword(token)) {
            next();
            if (ReservedWords.isReserved(token.text())) {
                errors.report(SemanticErrors.Kind.RESERVED, ExpressionErrors.reserved(token.text()));
            }
            return token.text();
        }
        throw syntaxError();
    }

    private int parseIndex(Token number) {
        try {
            return Integer.parseInt(number.text());
        } catch (NumberFormatException e) {
            // DynamoDB reads a list index as a 32-bit integer and refuses a larger one
            throw ExpressionErrors.invalid(parameterName, "List index is not within the allowable range; index: ["
                    + number.text() + "]");
        }
    }

    /** An {@code :ref} operand; an undefined one is reported under {@code undefinedKind}. */
    protected Operand.Constant parseValueRef(SemanticErrors.Kind undefinedKind) {
        Token token = expect(Token.Type.VALUE_REF);
        var value = context.resolveValue(token.text());
        if (value == null) {
            errors.report(undefinedKind, ExpressionErrors.undefinedValue(token.text()));
        }
        return new Operand.Constant(token.text(), value);
    }

    /** Reports the first of each pair of paths that overlap (one is a prefix of the other) or conflict. */
    protected void checkPathsDisjoint(List<Path> paths) {
        List<Path> seen = new ArrayList<>();
        for (Path path : paths) {
            for (Path earlier : seen) {
                if (comparePaths(earlier, path)) {
                    return;
                }
            }
            seen.add(path);
        }
    }

    /** True when an overlap was reported (which stops further checks, as in DynamoDB). */
    private boolean comparePaths(Path one, Path two) {
        int common = Math.min(one.size(), two.size());
        for (int i = 0; i < common; i++) {
            Path.Element a = one.get(i);
            Path.Element b = two.get(i);
            if (a.getClass() != b.getClass()) {
                errors.report(SemanticErrors.Kind.PATH_CONFLICT, ExpressionErrors.conflict(one, two));
                return false;
            }
            if (!a.equals(b)) {
                return false;
            }
        }
        errors.report(SemanticErrors.Kind.PATH_OVERLAP, ExpressionErrors.overlap(one, two));
        return true;
    }

    private int[] matchParens(List<Token> tokens) {
        int[] match = new int[tokens.size()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            match[i] = -1;
            if (tokens.get(i).is(Token.Type.LPAREN)) {
                if (open.size() >= MAX_PAREN_DEPTH) {
                    throw ExpressionErrors.invalid(parameterName, "The expression has redundant parentheses;");
                }
                open.push(i);
            } else if (tokens.get(i).is(Token.Type.RPAREN) && !open.isEmpty()) {
                match[open.pop()] = i;
            }
        }
        return match;
    }
}
