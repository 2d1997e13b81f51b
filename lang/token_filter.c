/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* token_filter.c — between the raw scanner (lexer.l) and the grammar
 * (parser.y): the line rules of the language.
 *
 * Contract (parser_state.h): token_filter_next() hands the grammar one token
 * at a time, and
 *   - drops a newline that does not end a statement: inside ( ) or [ ],
 *     after a token that needs a right-hand side (binary operator, comma,
 *     `{`, `then` ...), and before `then`, `else`, `}` and the word
 *     operators (`where`, `by`, `with`, `and`, `or`);
 *   - merges a number and the name right after it on the same line into one
 *     quantity token (`9_000 EUR`), which is why it binds tighter than any
 *     operator;
 *   - turns a keyword written where only a field name can stand into a name
 *     (`t.unit`, `{ unit = "h" }`, `f(to: 3)`);
 *   - keeps the stack of open brackets and reports a stray or mismatched
 *     closer with the place of its opener.
 * It reads at most one token ahead (filter_push_back).  parse_fail_at() is
 * lang/'s one way to record a syntax error (the first one wins).
 * See SPEC.md §2 for the user-facing description.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/parser_state.h"

/* When the parse goes on after errors, the error worded last (in
 * P->worded, where the rules also write its hint) joins the list. */
void filter_flush_error(Parser *P)
{
    if (!P->errors || !P->worded.message) return;
    error_list_add(P->errors, P->worded.loc, P->worded.message, P->worded.hint);
    P->worded = (SyntaxError){ 0 };
    if (P->errors->n >= ERROR_LIST_MAX) P->stopped = true;
}

static bool after(SrcLoc loc, int line, int col)
{
    return loc.line > line || (loc.line == line && loc.col > col);
}

void filter_drop_errors_after(Parser *P, int line, int col)
{
    if (!P->errors) return;
    filter_flush_error(P);
    size_t kept = 0;
    bool first = true; /* the first error inside is kept: a run would show it */
    for (size_t i = 0; i < P->errors->n; i++) {
        SyntaxError *e = &P->errors->items[i];
        if (after(e->loc, line, col) && !first) {
            free(e->message);
            continue;
        }
        if (after(e->loc, line, col)) first = false;
        P->errors->items[kept++] = *e;
    }
    P->errors->n = kept;
}

void parse_fail_at(Parser *P, int line, int col, const char *fmt, ...)
{
    if (P->failed && !P->errors) return;
    if (P->skipping) return; /* inside an item already reported: not one error per token */
    filter_flush_error(P);
    va_list ap;
    va_start(ap, fmt);
    char *message = message_vformat(fmt, ap);
    va_end(ap);
    P->failed = true;
    P->err->loc = (SrcLoc){ P->src->path, line, col };
    free(P->err->message);
    P->err->message = message;
    P->err->hint = NULL;
}

/* Copies a token's spelling for messages, cut at a character boundary. */
static void set_text(Token *t, const char *s, size_t n)
{
    size_t max = sizeof t->text - 4;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) n--;
    }
    memcpy(t->text, s, n);
    strcpy(t->text + n, cut ? "..." : "");
}

void filter_raw_next(Parser *P, Token *t)
{
    if (P->n_pending > 0) {
        *t = P->pending[0];
        P->pending[0] = P->pending[1];
        P->n_pending--;
        return;
    }
    memset(t, 0, sizeof *t);
    int kind = impact_yylex(&t->val, &t->loc, P->scanner);
    if (kind == TOK_YYEOF) {
        t->loc.first_line = t->loc.last_line = P->lex.line;
        t->loc.first_column = t->loc.last_column = P->lex.col;
    }
    t->kind = kind;
    if (kind == TOK_NEWLINE || kind == TOK_YYEOF || kind == TOK_YYerror) return;
    set_text(t, impact_yyget_text(P->scanner), (size_t)impact_yyget_leng(P->scanner));
}

/* The filter never reads more than one token ahead, so one slot would do;
 * the second is a margin, and the check keeps a future change from
 * writing past the array. */
void filter_push_back(Parser *P, const Token *t)
{
    if (P->n_pending < (int)(sizeof P->pending / sizeof P->pending[0]))
        P->pending[P->n_pending++] = *t;
}

/* Tokens after which a line goes on: they need something on their right. */
bool filter_continues_line(int kind)
{
    switch (kind) {
    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_STAR:
    case TOK_SLASH:
    case TOK_CARET:
    case TOK_EQ:
    case TOK_NE:
    case TOK_LT:
    case TOK_LE:
    case TOK_GT:
    case TOK_GE:
    case TOK_AND:
    case TOK_OR:
    case TOK_NOT:
    case TOK_IN:
    case TOK_TO:
    case TOK_WHERE:
    case TOK_BY:
    case TOK_WITH:
    case TOK_COMMA:
    case TOK_DOT:
    case TOK_COLON:
    case TOK_LPAREN:
    case TOK_LBRACKET:
    case TOK_LBRACE:
    case TOK_IF:
    case TOK_THEN:
    case TOK_ELSE: return true;
    default: return false;
    }
}

/* Words that cannot start a statement, so a line starting with one goes on
 * the line above: `then`, `else`, `}`, and the word operators, which lets a
 * table be filtered and grouped one step per line. */
static bool starts_continuation(int kind)
{
    switch (kind) {
    case TOK_THEN:
    case TOK_ELSE:
    case TOK_RBRACE:
    case TOK_WHERE:
    case TOK_BY:
    case TOK_WITH:
    case TOK_AND:
    case TOK_OR: return true;
    default: return false;
    }
}

/* Whether a '{' is open. */
static bool filter_inside_braces(const Parser *P)
{
    for (int i = 0; i < P->depth; i++)
        if (P->open[i].kind == TOK_LBRACE) return true;
    return false;
}

bool filter_inside_parens(const Parser *P)
{
    return P->depth > 0 && P->open[P->depth - 1].kind != TOK_LBRACE;
}

/* Whether a newline is only white space here rather than the end of a
 * statement.  May read ahead one token (pushed back). */
static bool newline_is_space(Parser *P)
{
    if (P->n_given == 0 || P->cur.kind == TOK_NEWLINE || P->cur.kind == TOK_SEMI) return true;
    if (filter_inside_parens(P) || filter_continues_line(P->cur.kind)) return true;
    Token next;
    do filter_raw_next(P, &next);
    while (next.kind == TOK_NEWLINE);
    filter_push_back(P, &next);
    return starts_continuation(next.kind) || (next.kind == TOK_LBRACE && P->model_next);
}

/* 9_000 EUR: a number and the name right after it on the same line. */
static void merge_quantity(Parser *P, Token *t)
{
    Token next;
    filter_raw_next(P, &next);
    if (next.kind != TOK_NAME) {
        filter_push_back(P, &next);
        return;
    }
    t->kind = TOK_QUANTITY;
    t->val.tok.unit = next.val.tok.s;
    t->loc.last_line = next.loc.last_line;
    t->loc.last_column = next.loc.last_column;
    char both[2 * sizeof t->text];
    snprintf(both, sizeof both, "%s %s", t->text, next.text);
    set_text(t, both, strlen(both));
}

const char *filter_closer_of(int open_kind)
{
    return open_kind == TOK_LPAREN ? ")" : open_kind == TOK_LBRACKET ? "]" : "}";
}

const char *filter_opener_text(int open_kind)
{
    return open_kind == TOK_LPAREN ? "(" : open_kind == TOK_LBRACKET ? "[" : "{";
}

static const char *opener_of(int close_kind)
{
    return close_kind == TOK_RPAREN ? "(" : close_kind == TOK_RBRACKET ? "[" : "{";
}

static BraceRole brace_role(const Parser *P)
{
    if (P->model_next) return BRACE_MODEL;
    if (P->depth > 0 && P->open[P->depth - 1].role == BRACE_MODEL &&
        (P->cur.kind == TOK_NAME || P->cur.kind == TOK_STRING || P->cur.kind == TOK_QUANTITY ||
         P->cur.kind == TOK_NUMBER || P->cur.kind == TOK_RPAREN))
        return BRACE_DECL;
    return BRACE_PLAIN;
}

/* Keeps the stack of open brackets; reports stray and mismatched closers. */
static bool track_brackets(Parser *P, const Token *t)
{
    int k = t->kind;
    if (k == TOK_LPAREN || k == TOK_LBRACKET || k == TOK_LBRACE) {
        if (P->depth == MAX_NESTING) {
            parse_fail_at(P, t->loc.first_line, t->loc.first_column,
                          _("too many brackets inside each other (more than %d): split the "
                            "expression with 'let'"),
                          MAX_NESTING);
            P->stopped = true;
            return false;
        }
        BraceRole role = k == TOK_LBRACE ? brace_role(P) : BRACE_PLAIN;
        P->open[P->depth] = (Opener){ k, t->loc, role };
        P->depth++;
        return true;
    }
    if (k != TOK_RPAREN && k != TOK_RBRACKET && k != TOK_RBRACE) return true;
    if (P->depth == 0) {
        parse_fail_at(P, t->loc.first_line, t->loc.first_column,
                      _("unexpected '%s' \xe2\x80\x94 there is no '%s' to close"), t->text,
                      opener_of(k));
        return false;
    }
    const Opener *o = &P->open[P->depth - 1];
    if (strcmp(filter_closer_of(o->kind), t->text) != 0) {
        parse_fail_at(P, t->loc.first_line, t->loc.first_column,
                      _("unexpected '%s': the '%s' opened at line %d, column %d must be closed "
                        "first with '%s'"),
                      t->text, filter_opener_text(o->kind), o->loc.first_line, o->loc.first_column,
                      filter_closer_of(o->kind));
        return false;
    }
    P->closed = *o;
    P->depth--;
    return true;
}

/* `version "1.2.0"` (a library's version) and `use "x" version "1"`: the
 * word `version` before a text, outside brackets, where a name cannot be
 * followed by a text; anywhere else `version` is a plain name. */
static bool version_clause_follows(Parser *P)
{
    if (P->n_given > 0 && P->cur.kind == TOK_DOT) return false;
    Token next;
    filter_raw_next(P, &next);
    filter_push_back(P, &next);
    return next.kind == TOK_STRING;
}

/* A keyword written where only a field name can stand is a name: after '.'
 * (`t.unit`, a column called "unit"), and before '=' or ':' inside brackets
 * or braces (`{ unit = "h" }`, `f(to: 3)`). */
static bool keyword_is_field_name(Parser *P)
{
    if (P->n_given > 0 && P->cur.kind == TOK_DOT) return true;
    if (P->depth == 0) return false;
    Token next;
    filter_raw_next(P, &next);
    filter_push_back(P, &next);
    return next.kind == TOK_ASSIGN || next.kind == TOK_COLON;
}

/* A mistake the scanner found (an unknown character, a text never closed)
 * becomes the parser's error; when the parse goes on, the scanner is ready
 * for the next one. */
static void scanner_error(Parser *P)
{
    bool first = !P->failed;
    if (!P->skipping) {
        parse_fail_at(P, P->lex.err_line, P->lex.err_col, "%s",
                      P->lex.err_msg ? P->lex.err_msg : "bad input");
        if (first || P->errors) P->err->hint = P->lex.err_hint;
    }
    if (P->errors) {
        free(P->lex.err_msg);
        P->lex.err_msg = NULL;
        P->lex.err_hint = NULL;
        P->lex.failed = false;
    }
}

/* ---- going on after an error (parse_source_all) -------------------------- */

static bool is_opener(int kind)
{
    return kind == TOK_LPAREN || kind == TOK_LBRACKET || kind == TOK_LBRACE;
}

/* `let`, `fn`, `model`, `use`, `unit` or `print` first on a line, at its
 * first column: a statement of the file starts there, whatever brackets a
 * broken statement above left open. */
static bool starts_top_statement(const Parser *P, const Token *t)
{
    bool keyword = t->kind == TOK_LET || t->kind == TOK_FN || t->kind == TOK_MODEL ||
        t->kind == TOK_USE || t->kind == TOK_UNIT || t->kind == TOK_PRINT;
    return keyword && t->loc.first_column == 1 && P->n_given > 1 &&
        t->loc.first_line > P->prev.loc.last_line;
}

/* Goes on at the statement starting with P->cur (starts_top_statement):
 * the brackets left open are forgotten, and the grammar is given a line
 * end, then that token again. */
static void resume_at_statement(Parser *P)
{
    Token again = P->cur;
    P->depth = 0;
    P->model_next = false;
    if (P->n_pending < (int)(sizeof P->pending / sizeof P->pending[0])) {
        memmove(&P->pending[1], &P->pending[0], (size_t)P->n_pending * sizeof P->pending[0]);
        P->pending[0] = again;
        P->n_pending++;
    }
    P->cur.kind = TOK_NEWLINE;
    P->give_newline = true;
}

Resume filter_resume(Parser *P, int lookahead, bool commas, bool top)
{
    Node *broken = P->broken;
    P->broken = NULL;
    if (lookahead == TOK_YYEOF) return RESUME_END;
    const Token *t = &P->cur;
    bool known = lookahead == t->kind; /* else the scanner's error, or nothing read */
    if (known && starts_top_statement(P, t) && (top || !filter_inside_braces(P))) {
        resume_at_statement(P);
        return RESUME_SKIP;
    }
    bool again =
        known && t->loc.first_line == P->resumed_line && t->loc.first_column == P->resumed_col;
    /* The list is inside the innermost '{' opened before the token ahead
     * (a '(' or '[' has no list of its own), or is the file's statements. */
    int open = P->depth - (known && is_opener(t->kind) ? 1 : 0), level = 0;
    for (int i = open; !top && i-- > 0;)
        if (P->open[i].kind == TOK_LBRACE) {
            level = i + 1;
            break;
        }
    if (known && !again) {
        bool closes_list = t->kind == TOK_RBRACE && !top; /* the list's own '}' */
        bool separates =
            (t->kind == TOK_NEWLINE || t->kind == TOK_SEMI || (commas && t->kind == TOK_COMMA)) &&
            P->depth == level;
        if (closes_list || separates) {
            P->resumed_line = t->loc.first_line;
            P->resumed_col = t->loc.first_column;
            return RESUME_HERE;
        }
    }
    P->skipping = true;
    P->skip_level = level;
    P->skip_commas = commas;
    P->broken = broken;
    return RESUME_SKIP;
}

/* While skipping: whether the token just read (its brackets counted) is
 * where the next item of the list starts, or the list's end. */
static bool skip_ends_at(const Parser *P, int kind)
{
    if (kind == TOK_YYEOF || P->depth < P->skip_level) return true;
    return P->depth == P->skip_level &&
        (kind == TOK_NEWLINE || kind == TOK_SEMI || (P->skip_commas && kind == TOK_COMMA));
}

/* The names written since the last separator, for the N_ERROR node of a
 * broken item (parser.y, broken()); while skipping, straight into it. */
static void note_name(Parser *P, const Token *t)
{
    if (!P->errors) return;
    if (t->kind == TOK_NEWLINE || t->kind == TOK_SEMI || t->kind == TOK_COMMA) {
        P->n_stmt_names = 0;
        return;
    }
    if (t->kind != TOK_NAME || !t->val.tok.s) return;
    if (P->skipping && P->broken) {
        SrcLoc at = { P->src->path, t->loc.first_line, t->loc.first_column };
        Node *name = node_new(P->src, N_NAME, at);
        name->name = t->val.tok.s;
        node_push(P->src, P->broken, name);
    } else if (P->n_stmt_names < sizeof P->stmt_names / sizeof P->stmt_names[0]) {
        P->stmt_names[P->n_stmt_names++] = t->val.tok.s;
    }
}

static int filter_next(YYSTYPE *val, YYLTYPE *loc, Parser *P);

/* The next token for the grammar; while skipping after an error, the next
 * one where the parse goes on. */
int token_filter_next(YYSTYPE *val, YYLTYPE *loc, Parser *P)
{
    for (;;) {
        if (P->give_newline) { /* resume_at_statement() */
            P->give_newline = false;
            *loc = P->cur.loc;
            return TOK_NEWLINE;
        }
        int kind = filter_next(val, loc, P);
        if (!P->skipping) return kind;
        if (P->skip_level == 0 && starts_top_statement(P, &P->cur)) {
            P->skipping = false;
            P->broken = NULL;
            P->n_stmt_names = 0;
            resume_at_statement(P);
            continue;
        }
        if (kind == TOK_YYerror) {
            if (P->stopped) return kind;
            continue; /* recorded; the item is being skipped anyway */
        }
        if (skip_ends_at(P, kind)) {
            P->skipping = false;
            P->broken = NULL;
            P->n_stmt_names = 0;
            return kind;
        }
    }
}

static int filter_next(YYSTYPE *val, YYLTYPE *loc, Parser *P)
{
    Token t;
    for (;;) {
        filter_raw_next(P, &t);
        if (t.kind != TOK_NEWLINE || !newline_is_space(P)) break;
    }
    if (t.kind == TOK_YYerror) {
        scanner_error(P);
        return TOK_YYerror;
    }
    if (t.kind == TOK_NUMBER) merge_quantity(P, &t);
    if (t.kind == TOK_NAME && P->depth == 0 && strcmp(t.text, "version") == 0 &&
        version_clause_follows(P))
        t.kind = TOK_VERSION;
    if (t.kind >= TOK_LET && t.kind <= TOK_FOR && keyword_is_field_name(P)) {
        t.kind = TOK_NAME;
        t.val.tok.s = arena_strdup(P->src, t.text, strlen(t.text));
        t.val.tok.len = strlen(t.text);
    }
    if ((t.kind == TOK_PLUS || t.kind == TOK_MINUS) && P->cur.kind == TOK_NEWLINE &&
        P->depth == 0) {
        /* `let x = 1` then `+ 2` on the next line would silently be two statements */
        parse_fail_at(
            P, t.loc.first_line, t.loc.first_column,
            _("a line cannot start with '%s': to continue the line above, end it with '%s'"),
            t.text, t.text);
        return TOK_YYerror;
    }
    if (!track_brackets(P, &t)) return TOK_YYerror;
    if (t.kind == TOK_MODEL)
        P->model_next = true;
    else if (t.kind == TOK_LBRACE || t.kind == TOK_NEWLINE || t.kind == TOK_SEMI)
        P->model_next = false;
    P->prev2 = P->prev;
    P->prev = P->cur;
    P->cur = t;
    P->n_given++;
    note_name(P, &t);
    *val = t.val;
    *loc = t.loc;
    return t.kind;
}
