package com.tradebot.dynamodb.expr;

/** One lexical token of an expression; {@code start}/{@code end} are offsets into the source text. */
record Token(Type type, String text, int start, int end) {

    enum Type {
        IDENTIFIER, NAME_REF, VALUE_REF, NUMBER,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        /** A character DynamoDB's lexer does not recognise; it is reported as a syntax error. */
        UNKNOWN,
        EOF
    }

    boolean is(Type t) {
        return type == t;
    }

    /** Keywords (AND, SET, ...) are identifiers matched without regard to case. */
    boolean isKeyword(String keyword) {
        return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** The token as DynamoDB prints it in a syntax error. */
    String display() {
        return type == Type.EOF ? "<EOF>" : text;
    }
}
