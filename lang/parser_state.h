/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
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
    /* Going on after an error (parse_source_all): every error goes into
     * `errors` (NULL: only the first, in *err, and the parse stops there). */
    ErrorList *errors;
    SyntaxError worded; /* the error being worded, before it joins `errors` */
    bool stopped;       /* a fault the parse cannot go past (too many brackets, errors) */
    bool skipping;      /* the filter skips to the start of the next item ... */
    int skip_level;     /* ... of the list at this depth of brackets ... */
    bool skip_commas;   /* ... where ',' separates items too */
    bool give_newline;  /* a line end to give before the token read again */
    Node *broken;       /* the N_ERROR node of the item skipped: it gets its names */
    int resumed_line, resumed_col; /* where the parse last went on, not to go on there twice */
    const char *stmt_names[32];    /* names written since the last separator */
    size_t n_stmt_names;
};

/* Where the parse goes on after an error, for RESUME in parser.y. */
typedef enum Resume {
    RESUME_HERE, /* the token ahead starts the next item: read it */
    RESUME_SKIP, /* drop the token ahead: the filter skips to the next item */
    RESUME_END,  /* the end of the file: nothing more to read */
} Resume;

/* Called by the action of an `error` alternative: decides where the parse
 * goes on, given the token ahead (bison's yychar), whether ',' separates
 * the items of the list and whether the list is the file's statements. */
Resume filter_resume(Parser *P, int lookahead, bool commas, bool top);

/* Records a syntax error at line:col: the first one (later ones are
 * ignored), or, when the parser goes on after errors, one more. */
void parse_fail_at(Parser *P, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* When the parse goes on after errors: the error worded last joins the
 * list (parse_fail_at() does it for the one before). */
void filter_flush_error(Parser *P);

/* Forgets the errors recorded after line:col but the first (when the
 * parse goes on after errors): they may have come of a bracket opened there
 * and never closed, which made what follows it be read as inside it. */
void filter_drop_errors_after(Parser *P, int line, int col);

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
