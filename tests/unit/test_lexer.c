/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_lexer.c — the raw scanner (lang/lexer.l) and the line rules of the
 * token filter (lang/parser.y), seen through the trees they produce.
 * Expected values are worked out by hand from SPEC.md §2. */
#include <criterion/criterion.h>
#include <string.h>

#include "lang/ast.h"
#include "parser.h"
#include "lexer.h"

typedef struct Lexed {
    int kinds[64];
    TokVal vals[64];
    YYLTYPE locs[64];
    int n;
    bool failed;
    char message[256];
    int err_line, err_col;
} Lexed;

/* Runs the raw scanner over text until the end or an error. */
static Lexed lex(const char *text)
{
    static Lexed out;
    memset(&out, 0, sizeof out);
    SourceFile *src = source_new("t.impact", text, strlen(text));
    LexState st = { .src = src, .line = 1, .col = 1 };
    yyscan_t scanner;
    cr_assert_eq(impact_yylex_init_extra(&st, &scanner), 0);
    YY_BUFFER_STATE buf = impact_yy_scan_bytes(text, (int)strlen(text), scanner);
    for (;;) {
        YYSTYPE val;
        YYLTYPE loc;
        memset(&val, 0, sizeof val);
        int k = impact_yylex(&val, &loc, scanner);
        if (k == TOK_YYEOF || out.n == 64) break;
        if (k == TOK_YYerror) {
            out.failed = true;
            snprintf(out.message, sizeof out.message, "%s", st.err_msg);
            out.err_line = st.err_line;
            out.err_col = st.err_col;
            break;
        }
        out.kinds[out.n] = k;
        out.locs[out.n] = loc;
        out.vals[out.n] = val.tok;
        if (val.tok.s && (k == TOK_NAME || k == TOK_STRING)) {
            /* keep a copy: the arena goes away with src */
            static char keep[64][128];
            snprintf(keep[out.n], sizeof keep[out.n], "%s", val.tok.s);
            out.vals[out.n].s = keep[out.n];
        }
        out.n++;
    }
    impact_yy_delete_buffer(buf, scanner);
    impact_yylex_destroy(scanner);
    free(st.err_msg);
    source_free(src);
    return out;
}

Test(lexer, keywords_operators_and_names)
{
    Lexed t = lex("let x = a <= b and not c");
    int want[] = { TOK_LET,  TOK_NAME, TOK_ASSIGN, TOK_NAME, TOK_LE,
                   TOK_NAME, TOK_AND,  TOK_NOT,    TOK_NAME };
    cr_assert_eq(t.n, 9);
    for (int i = 0; i < 9; i++) cr_expect_eq(t.kinds[i], want[i], "token %d", i);
    cr_expect_str_eq(t.vals[1].s, "x");
}

Test(lexer, keyword_prefix_is_a_name)
{
    /* "lettuce" and "format" start like keywords but are names */
    Lexed t = lex("lettuce format into");
    cr_assert_eq(t.n, 3);
    for (int i = 0; i < 3; i++) cr_expect_eq(t.kinds[i], TOK_NAME);
}

Test(lexer, numbers_with_underscores_decimals_exponents)
{
    Lexed t = lex("80_000 3.5 1e6 2.5E-3 1_000.000_5");
    cr_assert_eq(t.n, 5);
    cr_expect_float_eq(t.vals[0].num, 80000.0, 1e-12);
    cr_expect_float_eq(t.vals[1].num, 3.5, 1e-12);
    cr_expect_float_eq(t.vals[2].num, 1e6, 1e-6);
    cr_expect_float_eq(t.vals[3].num, 0.0025, 1e-15);
    cr_expect_float_eq(t.vals[4].num, 1000.0005, 1e-9);
    cr_expect(!t.vals[0].pct);
}

Test(lexer, percentages)
{
    /* 25% = 0.25, 4.5% = 0.045, 100% = 1 */
    Lexed t = lex("25% 4.5% 100%");
    cr_assert_eq(t.n, 3);
    cr_expect_float_eq(t.vals[0].num, 0.25, 1e-15);
    cr_expect_float_eq(t.vals[1].num, 0.045, 1e-15);
    cr_expect_float_eq(t.vals[2].num, 1.0, 1e-15);
    cr_expect(t.vals[0].pct && t.vals[1].pct && t.vals[2].pct);
}

Test(lexer, number_then_unit_are_two_raw_tokens)
{
    Lexed t = lex("9_000 EUR");
    cr_assert_eq(t.n, 2);
    cr_expect_eq(t.kinds[0], TOK_NUMBER);
    cr_expect_eq(t.kinds[1], TOK_NAME);
    cr_expect_str_eq(t.vals[1].s, "EUR");
}

Test(lexer, utf8_names)
{
    Lexed t = lex("état coût_total µg");
    cr_assert_eq(t.n, 3);
    cr_expect_str_eq(t.vals[0].s, "état");
    cr_expect_str_eq(t.vals[1].s, "coût_total");
    cr_expect_str_eq(t.vals[2].s, "µg");
    /* columns count bytes: "état" is 5 bytes, so "coût_total" starts at 7 */
    cr_expect_eq(t.locs[1].first_column, 7);
}

Test(lexer, no_break_space_is_a_space)
{
    /* U+00A0 between two names, as French keyboards type before '%' or ':' */
    Lexed t = lex("a\xc2\xa0"
                  "b");
    cr_assert_eq(t.n, 2);
    cr_expect_str_eq(t.vals[0].s, "a");
    cr_expect_str_eq(t.vals[1].s, "b");
    cr_expect_eq(t.locs[1].first_column, 4);
}

Test(lexer, symbol_in_name_is_unknown_character)
{
    Lexed t = lex("let a§ = 1");
    cr_assert(t.failed);
    cr_expect_str_eq(t.message, "unknown character '§'");
    cr_expect_eq(t.err_line, 1);
    cr_expect_eq(t.err_col, 6);
}

Test(lexer, strings_and_escapes)
{
    Lexed t = lex("\"a\\nb\\t\\\"q\\\" \\\\ \\u{E9}\\u{1F600}\"");
    cr_assert_eq(t.n, 1);
    cr_expect_eq(t.kinds[0], TOK_STRING);
    /* é = C3 A9, U+1F600 = F0 9F 98 80 */
    cr_expect_str_eq(t.vals[0].s, "a\nb\t\"q\" \\ \xc3\xa9\xf0\x9f\x98\x80");
}

Test(lexer, unterminated_string)
{
    Lexed t = lex("print \"abc\nprint 1");
    cr_assert(t.failed);
    cr_expect_str_eq(t.message, "unterminated string: close it with \" on the same line");
    cr_expect_eq(t.err_col, 7);
}

Test(lexer, unknown_escape)
{
    Lexed t = lex("\"a\\qb\"");
    cr_assert(t.failed);
    cr_expect_str_eq(t.message,
                     "unknown escape '\\q' in text: use \\n, \\t, \\\", \\\\ or \\u{XXXX}");
    cr_expect_eq(t.err_col, 3);
}

Test(lexer, bad_unicode_escape)
{
    Lexed t = lex("\"\\u{D800}\""); /* a surrogate is not a character */
    cr_assert(t.failed);
    cr_expect(strstr(t.message, "bad \\u escape") != NULL);
}

Test(lexer, comments_and_newlines_with_locations)
{
    Lexed t = lex("a # comment\n  b");
    cr_assert_eq(t.n, 3);
    cr_expect_eq(t.kinds[1], TOK_NEWLINE);
    cr_expect_eq(t.locs[2].first_line, 2);
    cr_expect_eq(t.locs[2].first_column, 3);
}

Test(lexer, curly_quotes_are_explained)
{
    Lexed t = lex("print \xe2\x80\x9c"
                  "a\xe2\x80\x9d");
    cr_assert(t.failed);
    cr_expect_str_eq(
        t.message, "unknown character '\xe2\x80\x9c': write text between straight quotes \"...\"");
}

/* ---- line rules (token filter), through the parser ---- */

static const char *dump_of(const char *text)
{
    static char out[4096];
    SourceFile *src = source_new("t.impact", text, strlen(text));
    SyntaxError err;
    if (!parse_source(src, &err)) {
        snprintf(out, sizeof out, "ERROR %d:%d %s", err.loc.line, err.loc.col, err.message);
        free(err.message);
    } else {
        node_dump(src->root, out, sizeof out);
    }
    source_free(src);
    return out;
}

Test(lines, newline_ends_a_statement)
{
    cr_expect_str_eq(dump_of("let a = 1\nlet b = 2"), "(program (let a 1) (let b 2))");
    cr_expect_str_eq(dump_of("let a = 1; let b = 2;"), "(program (let a 1) (let b 2))");
}

Test(lines, line_goes_on_after_operator_and_comma)
{
    cr_expect_str_eq(dump_of("let a = 1 +\n  2"), "(program (let a (+ 1 2)))");
    cr_expect_str_eq(dump_of("let a = f(1,\n 2)"), "(program (let a (call f 1 2)))");
    cr_expect_str_eq(dump_of("let a = t where\n x > 1 and\n y"),
                     "(program (let a (where t (and (> x 1) y))))");
}

Test(lines, line_goes_on_inside_parentheses_and_brackets)
{
    cr_expect_str_eq(dump_of("let a = (1\n + 2)"), "(program (let a (+ 1 2)))");
    cr_expect_str_eq(dump_of("let a = [1\n, 2\n]"), "(program (let a (list 1 2)))");
}

Test(lines, inside_braces_each_line_is_a_field)
{
    /* without the line rule, "40 proxy" would be a quantity */
    cr_expect_str_eq(dump_of("model m {\n outcome o {\n  quantity = 40\n  proxy = 3 EUR\n }\n}"),
                     "(program (model m (outcome o (quantity 40) (proxy (unit 3 EUR)))))");
}

Test(lines, blank_lines_and_comments_anywhere)
{
    cr_expect_str_eq(dump_of("\n\n# c\nlet a = 1 # c\n\n\n# c\nprint a\n\n"),
                     "(program (let a 1) (print a))");
}

Test(lines, then_and_else_may_start_a_line)
{
    cr_expect_str_eq(dump_of("let a = if x\n  then 1\n  else 2"), "(program (let a (if x 1 2)))");
    cr_expect_str_eq(dump_of("let a = if x then\n  1\nelse\n  2"), "(program (let a (if x 1 2)))");
}

Test(lines, quantity_needs_the_same_line)
{
    /* inside braces the newline separates 40 from proxy */
    cr_expect_str_eq(dump_of("let r = {a = 40\nproxy = 1}"),
                     "(program (let r (record (a 40) (proxy 1))))");
    cr_expect_str_eq(dump_of("print 3 year"), "(program (print (unit 3 year)))");
}

Test(lines, model_brace_may_be_on_the_next_line)
{
    cr_expect_str_eq(dump_of("model m \"T\"\n{\n discount = 3%\n}"),
                     "(program (model m \"T\" (discount 3%)))");
}

Test(lines, leading_plus_on_a_line_is_an_error)
{
    cr_expect_str_eq(
        dump_of("let a = 1\n  + 2"),
        "ERROR 2:3 a line cannot start with '+': to continue the line above, end it with '+'");
}

Test(lines, word_operators_may_start_a_line)
{
    cr_expect_str_eq(
        dump_of("let t2 = people\n  where age > 30\n  and sexe == \"F\"\n  by ville"),
        "(program (let t2 (by (where people (and (> age 30) (== sexe \"F\"))) ville)))");
    cr_expect_str_eq(dump_of("let s = m\nwith {a = 1}"), "(program (let s (with m (a 1))))");
}

Test(lexer, huge_numbers_are_errors)
{
    Lexed t = lex("1e999");
    cr_assert(t.failed);
    cr_expect_str_eq(t.message, "the number 1e999 is too large");
    char many[200];
    memset(many, '1', 150);
    many[150] = '\0';
    t = lex(many);
    cr_assert(t.failed);
    cr_expect_str_eq(t.message, "this number has too many digits (150)");
    cr_expect_eq(t.err_col, 1);
}

Test(lexer, control_characters)
{
    Lexed t = lex("let a\x01 = 1");
    cr_assert(t.failed);
    cr_expect_str_eq(t.message, "invisible control character (code 1): delete it");
    cr_expect_eq(t.err_col, 6);
}
