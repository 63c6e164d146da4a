package com.tradebot.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB's expression lexer: names start with a letter ({@code _x} is a syntax error on "_"),
 * {@code #ref} and {@code :ref} continue with letters, digits and '_', list indexes are digits.
 * Any other character becomes a one-character UNKNOWN token so the parser reports it in DynamoDB's form.
 */
final class Tokenizer {
    private Tokenizer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            int start = i;
            Token.Type type;
            if (isLetter(c)) {
                i = skipIdentifierPart(text, i + 1);
                type = Token.Type.IDENTIFIER;
            } else if (isDigit(c)) {
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                type = Token.Type.NUMBER;
            } else if ((c == '#' || c == ':') && i + 1 < n && isIdentifierPart(text.charAt(i + 1))) {
                i = skipIdentifierPart(text, i + 1);
                type = c == '#' ? Token.Type.NAME_REF : Token.Type.VALUE_REF;
            } else if (c == '<' && i + 1 < n && text.charAt(i + 1) == '>') {
                i += 2;
                type = Token.Type.NE;
            } else if (c == '<' && i + 1 < n && text.charAt(i + 1) == '=') {
                i += 2;
                type = Token.Type.LE;
            } else if (c == '>' && i + 1 < n && text.charAt(i + 1) == '=') {
                i += 2;
                type = Token.Type.GE;
            } else {
                i += Character.charCount(text.codePointAt(i));
                type = switch (c) {
                    case '(' -> Token.Type.LPAREN;
                    case ')' -> Token.Type.RPAREN;
                    case '[' -> Token.Type.LBRACKET;
                    case ']' -> Token.Type.RBRACKET;
                    case ',' -> Token.Type.COMMA;
                    case '.' -> Token.Type.DOT;
                    case '=' -> Token.Type.EQ;
                    case '<' -> Token.Type.LT;
                    case '>' -> Token.Type.GT;
                    case '+' -> Token.Type.PLUS;
                    case '-' -> Token.Type.MINUS;
                    default -> Token.Type.UNKNOWN;
                };
            }
            tokens.add(new Token(type, text.substring(start, i), start, i));
        }
        tokens.add(new Token(Token.Type.EOF, "", n, n));
        return tokens;
    }

    private static int skipIdentifierPart(String text, int i) {
        while (i < text.length() && isIdentifierPart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
