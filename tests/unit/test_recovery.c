/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_recovery.c — `impact check` reports every error of a file: the parse
 * goes on after a syntax error at the next statement, model entry or field
 * (parse_source_all), and the checks go on after a problem
 * (check_program_all), without a cascade of errors caused by the first.
 * Every expected LINE:COL is counted by hand on the text beside it
 * (columns from 1, in bytes); the words are those of the first-error path
 * (tests/unit/test_parser.c, test_check.c), which must not change. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_fields.h"

static bool known(const char *name, void *ctx)
{
    (void)ctx;
    static const char *const builtins[] = { "csv", "count", "sum", "f", "EUR", "year" };
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i], name) == 0) return true;
    return false;
}

/* Every problem as "LINE:COL message" lines, syntax errors first, then the
 * checks (with the SROI library's field rules, as the interpreter gives
 * them); the tree's dump into `tree` when not NULL. */
static const char *all_errors(const char *text, char *tree, size_t tree_size)
{
    static char out[8192];
    SourceFile *src = source_new("t.impact", text, strlen(text));
    ErrorList errors = { 0 };
    parse_source_all(src, &errors);
    CheckOptions opt = { .is_known = known };
    opt.fields = sroi_check_fields(&opt.n_fields);
    check_program_all(src->root, &opt, &errors);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < errors.n && used < sizeof out; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%d:%d %s", i ? "\n" : "",
                                 errors.items[i].loc.line, errors.items[i].loc.col,
                                 errors.items[i].message);
    if (tree) node_dump(src->root, tree, tree_size);
    error_list_free(&errors);
    source_free(src);
    return out;
}

/* The first error of a run (parse_source, which stops there). */
static const char *first_error(const char *text)
{
    static char out[1024];
    SourceFile *src = source_new("t.impact", text, strlen(text));
    SyntaxError err = { 0 };
    if (parse_source(src, &err))
        snprintf(out, sizeof out, "ok");
    else
        snprintf(out, sizeof out, "%d:%d %s", err.loc.line, err.loc.col, err.message);
    free(err.message);
    source_free(src);
    return out;
}

/* The acceptance case of issue 14: three statements, three kinds of error. */
Test(recovery, syntax_name_and_range_errors_all_reported)
{
    const char *text = "let a = 1 +* 2\n" /* '*' at column 12 */
                       "let b = c + 1\n"  /* c at column 9 */
                       "model m \"M\" {\n"
                       "  stakeholder p \"P\"\n"
                       "  outcome jobs \"Jobs\" for p {\n"
                       "    quantity = 10\n"
                       "    deadweight = 150%\n" /* the field at column 5 */
                       "  }\n"
                       "}\n";
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "1:12 expected an expression after '+'\n"
                     "2:9 unknown name 'c': define it first with 'let c = ...'\n"
                     "7:5 deadweight of outcome 'jobs' is 150%: a deadweight must lie between 0% "
                     "and 100%");
}

Test(recovery, first_error_is_the_one_a_run_shows)
{
    const char *text = "let a = (1 + 2]\nlet b = 3 @ 4\n";
    cr_expect_str_eq(first_error(text),
                     "1:15 unexpected ']': the '(' opened at line 1, column 9 must be closed first "
                     "with ')'");
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "1:15 unexpected ']': the '(' opened at line 1, column 9 must be closed first "
                     "with ')'\n"
                     "2:11 unknown character '@'");
}

/* A broken `let` still binds its name; a broken statement's names count as
 * bound: no "unknown name" follows the one syntax error. */
Test(recovery, no_cascade_after_a_broken_statement)
{
    char tree[2048];
    const char *text = "let a = 1 +* 2\n"
                       "lett total = 3\n" /* 'total' at column 6 */
                       "print a + total\n"
                       "let r = f(1, 2 3, [4, 5])\n" /* the 3 at column 16 */
                       "print r\n";
    cr_expect_str_eq(
        all_errors(text, tree, sizeof tree),
        "1:12 expected an expression after '+'\n"
        "2:6 expected an operator or the end of the line before 'total'\n"
        "4:16 two numbers side by side: write thousands as 80_000 (not 80 000), or put "
        "',' or an operator between them");
    /* the broken parts stand as (error NAMES...), the rest is read */
    cr_expect(strstr(tree, "(let a (error a))") != NULL, "%s", tree);
    cr_expect(strstr(tree, "(error lett total)") != NULL, "%s", tree);
    cr_expect(strstr(tree, "(print (+ a total))") != NULL, "%s", tree);
}

Test(recovery, an_unknown_name_is_reported_once)
{
    cr_expect_str_eq(all_errors("let x = zz + 1\nlet y = zz * 2\nprint zz\n", NULL, 0),
                     "1:9 unknown name 'zz': define it first with 'let zz = ...'");
}

/* Inside a model: the parse goes on at the next field and the next entry. */
Test(recovery, model_fields_and_entries)
{
    const char *text = "model m \"M\" {\n"
                       "  stakeholder p \"P\"\n"
                       "  outcome a \"A\" for p {\n"
                       "    quantity = 10 +\n" /* continues: */
                       "    , proxy = 5 EUR\n" /* ',' at column 5 */
                       "    attribution 20%\n" /* the name at column 5 */
                       "    dropoff = 120%\n"  /* column 5 */
                       "  }\n"
                       "  outcome b \"B\" for p oops {\n" /* oops at column 23 */
                       "    quantity = 1\n"
                       "  }\n"
                       "  discount = 2\n" /* column 3 */
                       "}\n"
                       "print m\n";
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "5:5 expected an expression after '+'\n"
                     "6:5 a model field needs a value: write 'attribution = 20%'\n"
                     "9:23 expected an operator or the end of the line before 'oops'\n"
                     "7:5 dropoff of outcome 'a' is 120%: a dropoff must lie between 0% and 100%\n"
                     "12:3 the discount rate is 200%: a discount rate must lie between 0% and "
                     "100%");
}

/* A record and a `with` go on at the next ',' too. */
Test(recovery, record_and_with_items)
{
    const char *text = "let d = { a = 1, b = * 3, c = zz }\n" /* '*' column 22, zz column 31 */
                       "let e = d with { a = , b = yy }\n";   /* ',' column 22, yy column 28 */
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "1:22 expected an expression after '='\n"
                     "2:22 expected an expression after '='\n"
                     "1:31 unknown name 'zz': define it first with 'let zz = ...'\n"
                     "2:28 unknown name 'yy': define it first with 'let yy = ...'");
}

/* Two unknown characters side by side are one mistake: the rest of the
 * statement is skipped, its second character not reported. */
Test(recovery, one_error_per_broken_statement)
{
    cr_expect_str_eq(all_errors("let a = 3.5 %%\nlet b = a\n", NULL, 0),
                     "1:13 unknown character '%': write a percentage right after its number, as "
                     "25%");
}

/* A line that ends with an operator runs into the next statement: the
 * parse goes on at that statement, which is then checked. */
Test(recovery, statement_after_a_dangling_operator)
{
    const char *text = "fn g(x) = x +\n"
                       "let h = g(1) + nope\n"; /* let at 2:1, nope at 2:16 */
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "2:1 'let' cannot be used inside an expression, only at the start of a "
                     "statement\n"
                     "2:16 unknown name 'nope': define it first with 'let nope = ...'");
}

/* A '}' forgotten: the first error inside the model and the brace never
 * closed, not one error per line after it. */
Test(recovery, brace_never_closed)
{
    const char *text = "model m \"M\" {\n" /* '{' at column 13 */
                       "  stakeholder p \"P\"\n"
                       "  outcome a \"A\" for p {\n"
                       "    quantity = 10\n"
                       "  outcome b \"B\" for p {\n" /* 'outcome' at column 3 */
                       "    quantity = 3\n"
                       "  }\n"
                       "}\n"
                       "let x = 1\n"
                       "print y\n";
    cr_expect_str_eq(all_errors(text, NULL, 0),
                     "5:3 a model field needs a value: write 'outcome = ...'\n"
                     "1:13 this '{' is never closed: add '}'");
}

/* A generated file full of errors: at most ERROR_LIST_MAX, and no hang. */
Test(recovery, errors_are_capped)
{
    size_t lines = ERROR_LIST_MAX + 100, used = 0;
    char *text = malloc(lines * 24 + 1);
    cr_assert_not_null(text);
    for (size_t i = 0; i < lines; i++)
        used += (size_t)sprintf(text + used, "let x%zu = 1 +* 2\n", i);
    SourceFile *src = source_new("t.impact", text, used);
    ErrorList list = { 0 };
    cr_expect_not(parse_source_all(src, &list));
    cr_expect_eq(list.n, ERROR_LIST_MAX);
    /* one error per line, at its '*': the 500th is on line 500 */
    cr_expect_eq(list.items[ERROR_LIST_MAX - 1].loc.line, ERROR_LIST_MAX);
    error_list_free(&list);
    source_free(src);
    free(text);
}
