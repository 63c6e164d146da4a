package com.tradebot.strategy.pine.grammar;

import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * Indentation for the generated {@code PineLexer}: ANTLR has no built-in offside rule, so (as the Python grammars of
 * grammars-v4 do) the lexer keeps a stack of indent widths and queues INDENT/DEDENT tokens after each NEWLINE.
 * Blank lines, comment-only lines, newlines inside brackets and continuation lines are not statement ends.
 */
public abstract class PineLexerBase extends Lexer {
    private static final int TAB_WIDTH = 4;

    protected int opened;
    private final Deque<Token> pending = new ArrayDeque<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int newlineIndent;
    private boolean lastWasNewline = true;
    private boolean finished;

    protected PineLexerBase(CharStream input) {
        super(input);
        indents.push(0);
    }

    /** Called by the NEWLINE rule: decides whether this line break ends a statement. */
    protected void onNewLine() {
        int next = _input.LA(1);
        boolean blank = next == '\r' || next == '\n' || next == CharStream.EOF
                || (next == '/' && _input.LA(2) == '/');
        int width = 0;
        String text = getText();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width += TAB_WIDTH - width % TAB_WIDTH;
            }
        }
        boolean continuation = width > indents.peek() && width % TAB_WIDTH != 0;
        if (blank || opened > 0 || continuation) {
            skip();
            return;
        }
        newlineIndent = width;
    }

    @Override
    public Token nextToken() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        Token next = super.nextToken();
        if (next.getType() == Token.EOF) {
            if (!finished) {
                finished = true;
                if (!lastWasNewline) {
                    pending.add(synthetic(PineLexer.NEWLINE, next));
                }
                while (indents.peek() > 0) {
                    indents.pop();
                    pending.add(synthetic(PineLexer.DEDENT, next));
                }
            }
            pending.add(next);
            return pending.poll();
        }
        if (next.getType() == PineLexer.NEWLINE) {
            lastWasNewline = true;
            pending.add(next);
            if (newlineIndent > indents.peek()) {
                indents.push(newlineIndent);
                pending.add(synthetic(PineLexer.INDENT, next));
            } else {
                while (newlineIndent < indents.peek()) {
                    indents.pop();
                    pending.add(synthetic(PineLexer.DEDENT, next));
                }
            }
            return pending.poll();
        }
        lastWasNewline = false;
        return next;
    }

    private static Token synthetic(int type, Token at) {
        CommonToken t = new CommonToken(type, type == PineLexer.NEWLINE ? "\n" : "");
        t.setLine(at.getLine());
        t.setCharPositionInLine(at.getCharPositionInLine());
        return t;
    }
}
