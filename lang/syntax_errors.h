/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* syntax_errors.h — the words of a syntax error (lang/syntax_errors.c).
 *
 * Contract: parser.y fills an ErrorCase from bison's view of the error (the
 * parser's state, the tokens it expected) and calls syntax_error_report(),
 * which records one message with parse_fail_at(): what is wrong, located
 * at the offending token (or at the bracket never closed), in words an
 * evaluator understands, with what to write instead.  The rules are a table
 * (error_rules[]), one small function per mistake, tried from the most
 * specific to the most general; a new message is a new rule in it.
 */
#ifndef IMPACT_SYNTAX_ERRORS_H
#define IMPACT_SYNTAX_ERRORS_H

#include "lang/parser_state.h"

/* What the parser expected instead, as facts the rules test. */
enum {
    EXPECTS_ASSIGN = 1 << 0, /* '=' */
    EXPECTS_COLON = 1 << 1,  /* ':' */
    EXPECTS_NUMBER = 1 << 2, /* a value (a number stands for every expression start) */
    EXPECTS_PLUS = 1 << 3,   /* an operator */
    EXPECTS_EQ = 1 << 4,     /* '==' */
    EXPECTS_THEN = 1 << 5,
    EXPECTS_ELSE = 1 << 6,
};

typedef struct ErrorCase {
    Parser *P;
    unsigned expects;        /* EXPECTS_* */
    int n;                   /* how many tokens were expected */
    char expected_list[200]; /* when 1 to 3: "')' or ','" */
    const Token *t, *prev;   /* the token met, the one before */
    bool has_prev;           /* the statement did not start at t */
    int line, col;           /* where the message points (set by the report) */
    char what[96];           /* t described (set by the report) */
} ErrorCase;

void syntax_error_report(ErrorCase *c);

#endif
