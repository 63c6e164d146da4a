/*
 * The Pine Script v5 subset of strategy import: declarations (with tuples), if/else blocks, calls with named
 * arguments, arithmetic, comparisons, and/or/not, the ternary and the history operator. Constructs outside it
 * (loops, switch, user types, methods, imports) are syntax errors with a line and column; function declarations,
 * reassignment and var are parsed so that the translator can name them precisely.
 */
parser grammar PineParser;

options { tokenVocab = PineLexer; }

script
    : NEWLINE* (statement NEWLINE*)* EOF
    ;

statement
    : ifStatement                         # ifStmt
    | functionDeclaration                 # functionStmt
    | simpleStatement NEWLINE             # simpleStmt
    ;

simpleStatement
    : LBRACK IDENT (COMMA IDENT)* RBRACK ASSIGN expression                          # tupleDeclaration
    | (VAR | VARIP)? TYPE_KEYWORD? IDENT ASSIGN expression                           # declaration
    | IDENT op=(DEFINE | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) expression  # reassignment
    | expression                                                                     # expressionStatement
    ;

ifStatement
    : IF expression NEWLINE block (ELSE (ifStatement | NEWLINE block))?
    ;

block
    : INDENT NEWLINE* (statement NEWLINE*)+ DEDENT
    ;

functionDeclaration
    : IDENT LPAREN (IDENT (COMMA IDENT)*)? RPAREN ARROW (expression NEWLINE | NEWLINE block)
    ;

expression
    : primary                                                        # primaryExpression
    | expression LBRACK expression RBRACK                            # historyExpression
    | op=(MINUS | PLUS | NOT) expression                             # unaryExpression
    | expression op=(STAR | SLASH | PERCENT) expression              # multiplicativeExpression
    | expression op=(PLUS | MINUS) expression                        # additiveExpression
    | expression op=(LT | LE | GT | GE) expression                   # relationalExpression
    | expression op=(EQ | NEQ) expression                            # equalityExpression
    | expression AND expression                                      # andExpression
    | expression OR expression                                       # orExpression
    | <assoc = right> expression QUESTION expression COLON expression  # ternaryExpression
    ;

primary
    : NUMBER                                        # numberLiteral
    | STRING                                        # stringLiteral
    | (TRUE | FALSE)                                # boolLiteral
    | COLOR                                         # colorLiteral
    | qualifiedName LPAREN arguments? RPAREN        # callExpression
    | qualifiedName                                 # nameExpression
    | LPAREN expression RPAREN                      # parenExpression
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

// type keywords are also namespaces and argument names: color.red, plot(x, color=...)
identifier
    : IDENT
    | TYPE_KEYWORD
    ;

arguments
    : argument (COMMA argument)*
    ;

argument
    : (identifier ASSIGN)? expression
    ;
