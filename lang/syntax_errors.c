/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* syntax_errors.c — the words of a syntax error: the rules of
 * syntax_errors.h, and the looks at the source they need (the rest of the
 * line, whether a brace is closed further down, a decimal comma, a column
 * title with spaces after a dot).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "lang/syntax_errors.h"

static void describe_token(const Token *t, char *buf, size_t size)
{
    if (t->kind == TOK_NEWLINE)
        snprintf(buf, size, "the end of the line");
    else if (t->kind == TOK_YYEOF)
        snprintf(buf, size, "the end of the file");
    else if (t->kind == TOK_STRING)
        snprintf(buf, size, "the text %s", t->text); /* spelled with its quotes */
    else
        snprintf(buf, size, "'%s'", t->text);
}

/* An expected token kind, in words. */

/* A token that is a whole value by itself: a literal or a name. */
static bool is_value_token(int kind)
{
    switch (kind) {
    case TOK_NUMBER:
    case TOK_QUANTITY:
    case TOK_STRING:
    case TOK_NAME:
    case TOK_TRUE:
    case TOK_FALSE: return true;
    default: return false;
    }
}

static bool starts_expression(int kind)
{
    switch (kind) {
    case TOK_LBRACE:
    case TOK_IF:
    case TOK_NOT:
    case TOK_FN:
    case TOK_LBRACKET:
    case TOK_LPAREN: return true;
    default: return is_value_token(kind);
    }
}

static bool ends_expression(int kind)
{
    return is_value_token(kind) || kind == TOK_RPAREN || kind == TOK_RBRACKET || kind == TOK_RBRACE;
}

static bool starts_statement(int kind)
{
    return kind == TOK_LET || kind == TOK_PRINT || kind == TOK_USE || kind == TOK_MODEL ||
        kind == TOK_UNIT;
}

/* Whether the error is inside a model body or an entry's { } (a closing
 * brace counts as inside the brace it closes). */
static bool in_model_braces(const Parser *P)
{
    if (P->cur.kind == TOK_RBRACE) return P->closed.role != BRACE_PLAIN;
    return P->depth > 0 && P->open[P->depth - 1].role != BRACE_PLAIN;
}

static bool is_comparison(int kind)
{
    return kind == TOK_EQ || kind == TOK_NE || kind == TOK_LT || kind == TOK_LE || kind == TOK_GT ||
        kind == TOK_GE || kind == TOK_IN;
}

static bool is_separator(int kind)
{
    return kind == TOK_NEWLINE || kind == TOK_SEMI || kind == TOK_COMMA || kind == TOK_LBRACE;
}

/* Where to point: at the unexpected token, or just after the previous one
 * when the unexpected thing is the end of a line or of the file. */
static void error_position(const Parser *P, int *line, int *col)
{
    const Token *t = &P->cur;
    bool closes = t->kind == TOK_RBRACE || t->kind == TOK_RPAREN || t->kind == TOK_RBRACKET;
    bool ends = t->kind == TOK_NEWLINE || t->kind == TOK_YYEOF ||
        (closes && t->loc.first_line > P->prev.loc.last_line);
    if (ends && P->n_given > 1) {
        *line = P->prev.loc.last_line;
        *col = P->prev.loc.last_column + 1;
    } else {
        *line = t->loc.first_line;
        *col = t->loc.first_column;
    }
}

/* A plausible value to show in "write 'quantity = 40'". */
static const char *example_value(const char *field)
{
    static const char *const examples[][2] = {
        { "quantity", "40" },     { "proxy", "9_000 EUR" }, { "duration", "3 year" },
        { "discount", "3.5%" },   { "deadweight", "20%" },  { "attribution", "20%" },
        { "displacement", "5%" }, { "dropoff", "20%" },
    };
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i][0], field) == 0) return examples[i][1];
    return "...";
}

/* Whether a number's spelling is digits only (the 3 of 3,5). */
static bool is_whole_spelling(const char *s)
{
    if (!(*s >= '0' && *s <= '9')) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '_')) return false;
    return true;
}

/* 3,5 written for 3.5: a whole number, a comma, a number, where a comma
 * cannot separate two values (a statement, a model setting, the fields of a
 * record or an entry); outside a model, only when nothing separates them.
 * Fills `fixed` with what to write ("3.5%") and `wrong` with what was
 * written ("3,5%").  At the top level and in a model's
 * settings the comma itself is unexpected, and the number after it has not
 * been read yet. */
static bool is_decimal_comma(Parser *P, char *fixed, char *wrong, size_t size)
{
    const char *whole = NULL, *part = NULL;
    char unit_part[64] = "";
    Token next, after;
    if (P->cur.kind == TOK_COMMA && P->prev.kind == TOK_NUMBER && !filter_inside_parens(P)) {
        filter_raw_next(P, &next);
        filter_raw_next(P, &after);
        filter_push_back(P, &next);
        filter_push_back(P, &after);
        if (next.kind != TOK_NUMBER || next.loc.first_line != P->cur.loc.first_line ||
            (!in_model_braces(P) && next.loc.first_column != P->cur.loc.first_column + 1))
            return false;
        whole = P->prev.text;
        part = next.text;
        if (after.kind == TOK_NAME && after.loc.first_line == next.loc.first_line)
            snprintf(unit_part, sizeof unit_part, " %s", after.text);
    } else if ((P->cur.kind == TOK_NUMBER || P->cur.kind == TOK_QUANTITY) &&
               P->prev.kind == TOK_COMMA && P->prev2.kind == TOK_NUMBER && P->depth > 0 &&
               P->open[P->depth - 1].kind == TOK_LBRACE &&
               (in_model_braces(P) || P->cur.loc.first_column == P->prev.loc.first_column + 1)) {
        whole = P->prev2.text;
        part = P->cur.text;
    }
    if (!whole || !is_whole_spelling(whole) || !(part[0] >= '0' && part[0] <= '9')) return false;
    snprintf(fixed, size, "%s.%s%s", whole, part, unit_part);
    snprintf(wrong, size, "%s,%s%s", whole, part, unit_part);
    return true;
}

/* `x = 3` as a statement: the user meant `let x = 3`.  The rest of the line
 * after '=' is shown as the value (shortened), in the suggestion. */
static bool is_bare_assignment(const Parser *P)
{
    bool statement_start =
        P->n_given == 2 || P->prev2.kind == TOK_NEWLINE || P->prev2.kind == TOK_SEMI;
    bool statement_place = P->depth == 0 || P->open[P->depth - 1].role == BRACE_PLAIN;
    return P->cur.kind == TOK_ASSIGN && P->prev.kind == TOK_NAME && statement_start &&
        statement_place;
}

/* The text after token t on its line, trimmed, for a suggestion. */
static void rest_of_line(const Parser *P, const Token *t, char *buf, size_t size)
{
    char line[256];
    source_line(P->src, t->loc.first_line, line, sizeof line);
    size_t start = (size_t)t->loc.last_column; /* the byte after the token */
    const char *p = start <= strlen(line) ? line + start : "";
    while (*p == ' ' || *p == '\t') p++;
    size_t n = 0; /* up to a comment or ';', outside texts */
    for (bool in_text = false; p[n] && (in_text || (p[n] != '#' && p[n] != ';')); n++) {
        if (p[n] == '"')
            in_text = !in_text;
        else if (p[n] == '\\' && in_text && p[n + 1])
            n++;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
    if (n == 0) {
        snprintf(buf, size, "...");
        return;
    }
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80) n--;
        snprintf(buf, size, "%.*s...", (int)n, p);
        return;
    }
    snprintf(buf, size, "%.*s", (int)n, p);
}

/* Byte offset in the source text of a position (line counted as in
 * messages, column in bytes from 1). */
static size_t source_offset(const Parser *P, int line, int col)
{
    const char *p = P->src->text, *end = P->src->text + P->src->len;
    int first = P->src->first_line > 1 ? P->src->first_line : 1;
    for (int l = first; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    size_t off = (size_t)(p - P->src->text) + (size_t)(col > 0 ? col - 1 : 0);
    return off < P->src->len ? off : P->src->len;
}

/* Whether the brace of opener o has a matching '}' somewhere further in the
 * file (braces counted outside texts and comments): if it does, a statement
 * inside it was written there on purpose, not left by a missing '}'. */
static bool brace_is_closed(const Parser *P, const Opener *o)
{
    const char *s = P->src->text;
    size_t n = P->src->len, i = source_offset(P, o->loc.first_line, o->loc.first_column);
    int depth = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '#') {
            while (i < n && s[i] != '\n') i++;
        } else if (c == '"') {
            for (i++; i < n && s[i] != '"' && s[i] != '\n'; i++)
                if (s[i] == '\\') i++;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            return true;
        }
    }
    return false;
}

/* A statement written inside a model whose braces do balance: say what a
 * model holds and where the statement goes instead. */
static void not_in_model(Parser *P, const Token *t, int line, int col, int model_line)
{
    char rest[64];
    rest_of_line(P, t, rest, sizeof rest);
    /* where it goes instead: one whole sentence each */
    if (t->kind == TOK_PRINT)
        parse_fail_at(P, line, col,
                      _("'%s' cannot go inside a model: a model holds only settings (discount = "
                        "3.5%%) and declarations (stakeholder, input, outcome); write '%s %s' "
                        "after the model"),
                      t->text, t->text, rest);
    else if (t->kind == TOK_LET || t->kind == TOK_FN)
        parse_fail_at(P, line, col,
                      _("'%s' cannot go inside a model: a model holds only settings (discount = "
                        "3.5%%) and declarations (stakeholder, input, outcome); write '%s %s' "
                        "before the model (above line %d), then use its name in the model"),
                      t->text, t->text, rest, model_line);
    else
        parse_fail_at(P, line, col,
                      _("'%s' cannot go inside a model: a model holds only settings (discount = "
                        "3.5%%) and declarations (stakeholder, input, outcome); write '%s %s' "
                        "before the model (above line %d)"),
                      t->text, t->text, rest, model_line);
}

/* After `T.word` the error is on a second word of the same line: the user
 * probably wrote a column title with spaces after the dot (t.Chiffre
 * d’affaires).  Writes into buf the bracket form, T["Chiffre d’affaires"],
 * taken from the source line (the parser cannot know T's columns), and
 * returns true; false when the tokens do not look like that. */
static bool spaced_title_after_dot(const Parser *P, char *buf, size_t size)
{
    const Token *t = &P->cur, *prev = &P->prev;
    if (P->n_given < 3 || t->kind != TOK_NAME || prev->kind != TOK_NAME ||
        P->prev2.kind != TOK_DOT || t->loc.first_line != prev->loc.first_line ||
        prev->loc.first_line != P->prev2.loc.first_line)
        return false;
    const char *line = P->src->text;
    for (int l = P->src->first_line; l < prev->loc.first_line && line; l++) {
        line = strchr(line, '\n');
        if (line) line++;
    }
    if (!line) return false;
    size_t line_len = strcspn(line, "\n");
    size_t dot = (size_t)P->prev2.loc.first_column - 1, start = (size_t)prev->loc.first_column - 1;
    if (dot >= line_len || start >= line_len) return false;
    size_t tb = dot; /* the table as written: t, or c.coop */
    while (tb > 0) {
        unsigned char c = (unsigned char)line[tb - 1];
        if (!(c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
              ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            break;
        tb--;
    }
    size_t end = start; /* the title: words and spaces up to an operator or the end of the line */
    while (end < line_len) {
        unsigned char c = (unsigned char)line[end];
        if (!(c >= 0x80 || c == '_' || c == ' ' || (c >= '0' && c <= '9') ||
              ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            break;
        end++;
    }
    static const char *const stops[] = { " and ",  " or ",   " where ", " by ",
                                         " then ", " else ", " to ",    " with " };
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        const char *hit = memmem(line + start, end - start, stops[i], strlen(stops[i]));
        if (hit) end = (size_t)(hit - line);
    }
    while (end > start && line[end - 1] == ' ') end--;
    if (end - start > 120 || dot - tb > 60) return false;
    if (tb == dot)
        snprintf(buf, size, "T[\"%.*s\"]", (int)(end - start), line + start);
    else
        snprintf(buf, size, "%.*s[\"%.*s\"]", (int)(dot - tb), line + tb, (int)(end - start),
                 line + start);
    return true;
}

/* Each rule recognises one mistake, records its message and returns true,
 * or returns false for the next rule to try.  They are tried in the order
 * of error_rules[] below: from the most specific mistake to the most
 * general description. */

/* Records a message that names the token before the one met (message
 * holds one %s for it), at the token met; returns true: the rule applied. */
static bool fail_after_previous(ErrorCase *c, const char *message)
{
    parse_fail_at(c->P, c->line, c->col, message, c->prev->text);
    return true;
}

/* `f(1, 2` then the end, or a statement where `)` was due. */
static bool rule_unclosed_bracket(ErrorCase *c)
{
    Parser *P = c->P;
    if (P->depth == 0 ||
        !(c->t->kind == TOK_YYEOF || (filter_inside_parens(P) && starts_statement(c->t->kind))))
        return false;
    const Opener *o = &P->open[P->depth - 1];
    /* Going on after errors, at the end of the file: what follows the
     * bracket was read as inside it, so the errors found there may have come
     * of it: only the first is kept. */
    if (c->t->kind == TOK_YYEOF)
        filter_drop_errors_after(P, o->loc.first_line, o->loc.first_column);
    parse_fail_at(P, o->loc.first_line, o->loc.first_column,
                  _("this '%s' is never closed: add '%s'"), filter_opener_text(o->kind),
                  filter_closer_of(o->kind));
    return true;
}

/* `let`, `print`, `fn` ... inside a model's braces. */
static bool rule_statement_in_model(ErrorCase *c)
{
    Parser *P = c->P;
    const Token *t = c->t;
    if (P->depth == 0 || P->open[P->depth - 1].role != BRACE_MODEL ||
        !(starts_statement(t->kind) || (t->kind == TOK_FN && is_separator(c->prev->kind))))
        return false;
    const Opener *o = &P->open[P->depth - 1];
    if (!brace_is_closed(P, o))
        parse_fail_at(P, c->line, c->col,
                      _("'%s' cannot go inside a model: is the '}' closing the model "
                        "opened at line %d missing?"),
                      t->text, o->loc.first_line);
    else
        not_in_model(P, t, c->line, c->col, o->loc.first_line);
    return true;
}

/* `quantity` alone on its line in a model entry. */
static bool rule_model_field_without_value(ErrorCase *c)
{
    const Token *prev = c->prev;
    if (!in_model_braces(c->P) || !(c->expects & EXPECTS_ASSIGN) || !c->has_prev ||
        prev->kind != TOK_NAME || !is_separator(c->P->prev2.kind))
        return false;
    parse_fail_at(c->P, prev->loc.first_line, prev->loc.first_column,
                  _("a model field needs a value: write '%s = %s'"), prev->text,
                  example_value(prev->text));
    return true;
}

/* `{a, b: 1}`: a record field without its value. */
static bool rule_field_without_value(ErrorCase *c)
{
    const Token *prev = c->prev;
    if (!c->has_prev || prev->kind != TOK_NAME || !(c->expects & EXPECTS_ASSIGN) ||
        !(c->expects & EXPECTS_COLON) || (c->expects & EXPECTS_NUMBER) ||
        (c->expects & EXPECTS_PLUS))
        return false;
    parse_fail_at(c->P, prev->loc.first_line, prev->loc.first_column,
                  _("a field needs a value: write '%s = VALUE'"), prev->text);
    return true;
}

/* `let x 3`. */
static bool rule_let_without_assign(ErrorCase *c)
{
    if (c->n != 1 || !(c->expects & EXPECTS_ASSIGN) || c->P->prev2.kind != TOK_LET) return false;
    return fail_after_previous(c, _("expected '=' after 'let %s'"));
}

/* `.5`. */
static bool rule_number_with_leading_dot(ErrorCase *c)
{
    if (c->t->kind != TOK_DOT || !(c->expects & EXPECTS_NUMBER)) return false;
    parse_fail_at(c->P, c->line, c->col, _("a number starts with a digit: write 0.5, not .5"));
    return true;
}

/* A statement whose first token cannot start one (`)`, `*`, `=`). */
static bool rule_bad_statement_start(ErrorCase *c)
{
    if (c->has_prev) return false;
    parse_fail_at(c->P, c->line, c->col, _("a statement cannot start with %s"), c->what);
    return true;
}

/* `0,5` written the French way. */
static bool rule_decimal_comma(ErrorCase *c)
{
    char fixed[96], wrong[96];
    if (!is_decimal_comma(c->P, fixed, wrong, sizeof fixed)) return false;
    bool at_comma = c->prev->kind == TOK_COMMA;
    parse_fail_at(c->P, at_comma ? c->prev->loc.first_line : c->line,
                  at_comma ? c->prev->loc.first_column : c->col,
                  _("decimals are written with a point: write %s, not %s"), fixed, wrong);
    return true;
}

/* `1 + let`: a statement keyword where a value is due. */
static bool rule_statement_word_in_expression(ErrorCase *c)
{
    if (!(c->expects & EXPECTS_NUMBER) || !starts_statement(c->t->kind)) return false;
    parse_fail_at(c->P, c->line, c->col,
                  _("'%s' cannot be used inside an expression, only at the start of a statement"),
                  c->t->text);
    return true;
}

/* `x = 3` without `let`. */
static bool rule_bare_assignment(ErrorCase *c)
{
    if (!is_bare_assignment(c->P)) return false;
    char value[64];
    rest_of_line(c->P, c->t, value, sizeof value);
    parse_fail_at(c->P, c->line, c->col,
                  _("unexpected '=' after '%s': to give a name to a value, write 'let %s = %s'"),
                  c->prev->text, c->prev->text, value);
    return true;
}

/* `if a = b`: one '=' where a comparison is due. */
static bool rule_assign_for_comparison(ErrorCase *c)
{
    if (c->t->kind != TOK_ASSIGN || (c->expects & EXPECTS_ASSIGN) || !(c->expects & EXPECTS_EQ))
        return false;
    return fail_after_previous(c,
                               _("unexpected '=' after '%s': to compare two values, write '=='"));
}

/* A value is due and something else came: `let x =` then the end of the
 * line, `2 *` then `)`, `proxy =` empty in a model. */
static bool rule_missing_value(ErrorCase *c)
{
    if (!(c->expects & EXPECTS_NUMBER)) return false;
    Parser *P = c->P;
    const Token *t = c->t, *prev = c->prev;
    if (in_model_braces(P) && prev->kind == TOK_ASSIGN && P->prev2.kind == TOK_NAME)
        parse_fail_at(P, c->line, c->col, _("a model field needs a value: write '%s = %s'"),
                      P->prev2.text, example_value(P->prev2.text));
    else if (prev->kind == TOK_NEWLINE || prev->kind == TOK_SEMI)
        parse_fail_at(P, c->line, c->col, _("a statement cannot start with %s"), c->what);
    else if (prev->kind == TOK_ASSIGN && (t->kind == TOK_NEWLINE || t->kind == TOK_YYEOF))
        parse_fail_at(P, c->line, c->col,
                      _("a line cannot end with '=': the value must start on the line of '=' "
                        "(or open a parenthesis there, '= (', to spread it over several lines)"));
    else
        parse_fail_at(P, c->line, c->col, _("expected an expression after '%s'"), prev->text);
    return true;
}

/* `a < b < c`. */
static bool rule_chained_comparison(ErrorCase *c)
{
    if (!is_comparison(c->t->kind)) return false;
    parse_fail_at(c->P, c->line, c->col,
                  _("comparisons cannot be chained: write 'a < b and b < c'"));
    return true;
}

/* `1 to 2 to 3`. */
static bool rule_chained_to(ErrorCase *c)
{
    if (c->t->kind != TOK_TO) return false;
    parse_fail_at(
        c->P, c->line, c->col,
        _("'to' cannot be chained: write 'a to b' once, with parentheses around other 'to'"));
    return true;
}

/* `if c then a` and nothing more. */
static bool rule_if_without_else(ErrorCase *c)
{
    if (!(c->expects & EXPECTS_ELSE) || starts_expression(c->t->kind)) return false;
    parse_fail_at(c->P, c->line, c->col,
                  _("this 'if' needs an 'else': write 'if CONDITION then A else B'"));
    return true;
}

/* `if c a else b`. */
static bool rule_if_without_then(ErrorCase *c)
{
    if (!(c->expects & EXPECTS_THEN)) return false;
    parse_fail_at(
        c->P, c->line, c->col,
        _("expected 'then' after the condition of 'if': write 'if CONDITION then A else B'"));
    return true;
}

/* `let a = 1 let b = 2` on one line. */
static bool rule_two_statements_on_a_line(ErrorCase *c)
{
    if (!starts_statement(c->t->kind) || !ends_expression(c->prev->kind)) return false;
    parse_fail_at(c->P, c->line, c->col, _("'%s' must start a new line (or follow ';')"),
                  c->t->text);
    return true;
}

/* Few possibilities: name them ("expected ')' or ',' after '2'"). */
static bool rule_list_expected(ErrorCase *c)
{
    if (c->n < 1 || c->n > 3) return false;
    const char *after = c->prev->kind == TOK_NEWLINE ? "the end of the line" : c->prev->text;
    if (c->t->kind == TOK_NEWLINE || c->t->kind == TOK_YYEOF)
        parse_fail_at(c->P, c->line, c->col, _("expected %s after '%s'"), c->expected_list, after);
    else
        parse_fail_at(c->P, c->line, c->col, _("expected %s after '%s', not %s"), c->expected_list,
                      after, c->what);
    return true;
}

/* `a: 1` outside a record or a call. */
static bool rule_stray_colon(ErrorCase *c)
{
    if (c->t->kind != TOK_COLON) return false;
    return fail_after_previous(c,
                               _("unexpected ':' after '%s': ':' only goes in records {a: 1} "
                                 "and named arguments f(x: 1)"));
}

/* `(1, 2)` meant as a list. */
static bool rule_comma_in_parentheses(ErrorCase *c)
{
    Parser *P = c->P;
    if (c->t->kind != TOK_COMMA || P->depth == 0 || P->open[P->depth - 1].kind != TOK_LPAREN)
        return false;
    parse_fail_at(P, c->line, c->col,
                  _("unexpected ',' inside parentheses: to write a list, use [1, 2]"));
    return true;
}

/* `let a = 1, b = 2`. */
static bool rule_comma_between_statements(ErrorCase *c)
{
    if (c->t->kind != TOK_COMMA || c->P->depth != 0) return false;
    return fail_after_previous(c,
                               _("unexpected ',' after '%s': ',' separates items inside ( ), "
                                 "[ ] or { }; write one statement per line"));
}

/* Two values side by side: `80 000`, `3 x 4`, `t.Chiffre d'affaires`. */
static bool rule_missing_operator(ErrorCase *c)
{
    Parser *P = c->P;
    const Token *t = c->t;
    if (!starts_expression(t->kind) || !ends_expression(c->prev->kind)) return false;
    char want[256];
    bool in_parens = filter_inside_parens(P);
    if ((t->kind == TOK_NUMBER || t->kind == TOK_QUANTITY) && c->prev->kind == TOK_NUMBER) {
        parse_fail_at(P, c->line, c->col,
                      _("two numbers side by side: write thousands as 80_000 (not 80 000), "
                        "or put %s between them"),
                      in_parens ? "',' or an operator" : "an operator");
        /* the French way of grouping thousands: 8 500 EUR (the rules run
         * only while no error is recorded, so this message is the one) */
        P->err->hint = _("a space does not group thousands in a model: write 8_500 EUR or "
                         "8500 EUR, not 8 500 EUR (the space of French figures separates "
                         "two numbers here)");
    } else if (t->kind == TOK_NAME && (strcmp(t->text, "x") == 0 || strcmp(t->text, "X") == 0))
        parse_fail_at(P, c->line, c->col,
                      _("expected an operator before 'x': to multiply, write *"));
    else if (spaced_title_after_dot(P, want, sizeof want))
        parse_fail_at(
            P, c->line, c->col,
            _("expected an operator or %s before %s \xe2\x80\x94 if this is a column title "
              "with spaces, write %s"),
            in_parens ? "','" : "the end of the line", c->what, want);
    else if (in_parens)
        parse_fail_at(P, c->line, c->col, _("expected an operator or ',' before %s"), c->what);
    else
        parse_fail_at(P, c->line, c->col,
                      _("expected an operator or the end of the line before %s"), c->what);
    return true;
}

/* What is left: say what came, and after what. */
static bool rule_unexpected(ErrorCase *c)
{
    if (c->prev->kind != TOK_NEWLINE && c->prev->kind != TOK_SEMI)
        parse_fail_at(c->P, c->line, c->col, _("unexpected %s after '%s'"), c->what, c->prev->text);
    else
        parse_fail_at(c->P, c->line, c->col, _("unexpected %s"), c->what);
    return true;
}

static bool (*const error_rules[])(ErrorCase *) = {
    rule_unclosed_bracket,
    rule_statement_in_model,
    rule_model_field_without_value,
    rule_field_without_value,
    rule_let_without_assign,
    rule_number_with_leading_dot,
    rule_bad_statement_start,
    rule_decimal_comma,
    rule_statement_word_in_expression,
    rule_bare_assignment,
    rule_assign_for_comparison,
    rule_missing_value,
    rule_chained_comparison,
    rule_chained_to,
    rule_if_without_else,
    rule_if_without_then,
    rule_two_statements_on_a_line,
    rule_list_expected,
    rule_stray_colon,
    rule_comma_in_parentheses,
    rule_comma_between_statements,
    rule_missing_operator,
    rule_unexpected, /* always applies: keep it last */
};

void syntax_error_report(ErrorCase *c)
{
    error_position(c->P, &c->line, &c->col);
    describe_token(c->t, c->what, sizeof c->what);
    for (size_t i = 0; i < sizeof error_rules / sizeof error_rules[0]; i++)
        if (error_rules[i](c)) return;
}
