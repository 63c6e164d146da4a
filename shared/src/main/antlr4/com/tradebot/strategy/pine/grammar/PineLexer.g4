/*
 * Tokens of the Pine Script v5 subset that strategy providers use. Indentation is significant in Pine: the base
 * class turns line starts into NEWLINE, INDENT and DEDENT tokens (as Python grammars do) and drops newlines inside
 * brackets and continuation lines (indented by a width that is not a multiple of four, Pine's wrapping rule).
 */
lexer grammar PineLexer;

options { superClass = PineLexerBase; }

tokens { INDENT, DEDENT }

IF      : 'if';
ELSE    : 'else';
AND     : 'and';
OR      : 'or';
NOT     : 'not';
TRUE    : 'true';
FALSE   : 'false';
VAR     : 'var';
VARIP   : 'varip';
TYPE_KEYWORD : 'int' | 'float' | 'bool' | 'string' | 'color';

ARROW        : '=>';
DEFINE       : ':=';
PLUS_ASSIGN  : '+=';
MINUS_ASSIGN : '-=';
STAR_ASSIGN  : '*=';
SLASH_ASSIGN : '/=';
EQ      : '==';
NEQ     : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
QUESTION: '?';
COLON   : ':';
COMMA   : ',';
DOT     : '.';
LPAREN  : '(' { opened++; };
RPAREN  : ')' { opened--; };
LBRACK  : '[' { opened++; };
RBRACK  : ']' { opened--; };

NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;
STRING
    : '"' (~["\\\r\n] | '\\' .)* '"'
    | '\'' (~['\\\r\n] | '\\' .)* '\''
    ;
COLOR   : '#' HEX HEX HEX HEX HEX HEX (HEX HEX)?;
IDENT   : [a-zA-Z_] [a-zA-Z_0-9]*;

NEWLINE : ('\r'? '\n' | '\r') [ \t]* { onNewLine(); };
COMMENT : '//' ~[\r\n]* -> skip;
WS      : [ \t]+ -> skip;
// anything else becomes a token the parser rejects with its position
UNKNOWN_CHAR : .;

fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;
fragment HEX      : [0-9a-fA-F];
