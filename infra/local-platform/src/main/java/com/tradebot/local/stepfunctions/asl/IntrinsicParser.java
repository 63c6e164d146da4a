package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of intrinsic function calls. No library parses this small ASL-specific syntax; a grammar
 * generator would be heavier than these few rules: call := name '(' [arg (',' arg)*] ')';
 * arg := 'string' | number | true | false | null | JSONPath | call.
 */
public final class IntrinsicParser {
    private final String text;
    private int position;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** @throws IllegalArgumentException with the position of the problem */
    public static IntrinsicExpression.Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        IntrinsicExpression.Call call = parser.call();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the call");
        }
        return call;
    }

    private IntrinsicExpression.Call call() {
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
            position++;
        }
        String name = text.substring(start, position);
        if (!IntrinsicFunctions.isKnown(name)) {
            throw error("unknown intrinsic function '" + name + "'");
        }
        expect('(');
        List<IntrinsicExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            do {
                skipSpaces();
                arguments.add(argument());
                skipSpaces();
            } while (tryConsume(','));
        }
        expect(')');
        return new IntrinsicExpression.Call(name, List.copyOf(arguments));
    }

    private IntrinsicExpression argument() {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (text.startsWith("States.", position)) {
            return call();
        }
        for (String keyword : new String[] {"true", "false", "null"}) {
            if (text.startsWith(keyword, position)) {
                position += keyword.length();
                return new IntrinsicExpression.Literal(switch (keyword) {
                    case "true" -> BooleanNode.TRUE;
                    case "false" -> BooleanNode.FALSE;
                    default -> NullNode.instance;
                }, keyword);
            }
        }
        throw error("expected an argument");
    }

    private IntrinsicExpression string() {
        int start = position;
        expect('\'');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(position++);
            if (c == '\\') {
                if (position >= text.length()) {
                    throw error("dangling escape");
                }
                value.append(text.charAt(position++));
            } else if (c == '\'') {
                break;
            } else {
                value.append(c);
            }
        }
        String raw = text.substring(start + 1, position - 1);
        return new IntrinsicExpression.Literal(TextNode.valueOf(value.toString()), raw);
    }

    private IntrinsicExpression number() {
        int start = position;
        position++;
        while (position < text.length() && "0123456789.eE+-".indexOf(peek()) >= 0) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            new BigDecimal(token); // rejects what is not a number before Jackson reads it
            return new IntrinsicExpression.Literal(Json.parse(token), token);
        } catch (IllegalArgumentException e) {
            throw error("invalid number '" + token + "'");
        }
    }

    /** A path runs to the next ',' or ')' outside brackets and quotes. */
    private IntrinsicExpression path() {
        int start = position;
        int depth = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = peek();
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            position++;
        }
        String path = text.substring(start, position).trim();
        JsonPaths.validate(path, "intrinsic function argument");
        return new IntrinsicExpression.Path(path);
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean tryConsume(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (!tryConsume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(
                "Invalid intrinsic function call '" + text + "' at position " + position + ": " + message);
    }
}
