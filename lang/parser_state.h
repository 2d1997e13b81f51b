/* parser_state.h — what the grammar (parser.y) and its token filter
 * (token_filter.c) share: the parser's state and the filter's entry points.
 * Private to lang/; included after bison's and flex's generated headers.
 */
#ifndef IMPACT_PARSER_STATE_H
#define IMPACT_PARSER_STATE_H

#include <stdbool.h>

#include "parser.h"
#include "lexer.h"

enum { MAX_NESTING = 200 };

/* One token as seen by the filter: kind, value, location, spelling. */
typedef struct Token {
    int kind; /* TOK_... token kind, TOK_YYEOF at the end */
    YYSTYPE val;
    YYLTYPE loc;
    char text[48]; /* spelling, shortened, for messages */
} Token;

typedef enum BraceRole { BRACE_PLAIN, BRACE_MODEL, BRACE_DECL } BraceRole;

typedef struct Opener {
    int kind; /* TOK_LPAREN, TOK_LBRACKET, TOK_LBRACE */
    YYLTYPE loc;
    BraceRole role;
} Opener;

struct Parser {
    SourceFile *src;
    yyscan_t scanner;
    LexState lex;
    Token pending[2]; /* raw tokens read ahead */
    int n_pending;
    Token cur, prev, prev2; /* last three tokens handed to the grammar */
    int n_given;
    Opener open[MAX_NESTING];
    int depth;
    Opener closed;   /* the opener matched by the last closer given */
    bool model_next; /* the next '{' opens a model body */
    bool failed;
    SyntaxError *err;
    Node *root;
    bool error_at_end; /* for source_is_incomplete */
    bool wanted_then_else;
};

/* Records the first syntax error at line:col (later ones are ignored). */
void parse_fail_at(Parser *P, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The next token for the grammar, after the line rules (token_filter.c). */
int token_filter_next(YYSTYPE *val, YYLTYPE *loc, Parser *P);

/* For the syntax-error messages, which look at tokens the way the filter
 * does: the next raw token and giving it back, whether a token asks for a
 * right-hand side, whether ( or [ is open, and the spelling of brackets. */
void filter_raw_next(Parser *P, Token *t);
void filter_push_back(Parser *P, const Token *t);
bool filter_continues_line(int kind);
bool filter_inside_parens(const Parser *P);
const char *filter_closer_of(int open_kind);
const char *filter_opener_text(int open_kind);

#endif
