/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_parser.c — the grammar (lang/parser.y): trees of every construct,
 * precedence and associativity, and the wording and place of syntax errors.
 * Expected trees are written by hand from the precedence table of
 * SPEC.md §2 (lowest: with, where/by, or, and, not, comparisons, to,
 * + -, * /, unary minus, ^, postfix). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lang/ast.h"

static const char *dump_of(const char *text)
{
    static char out[8192];
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

/* dump of one expression, without the (program ...) around it */
static const char *expr(const char *text)
{
    static char out[8192];
    const char *d = dump_of(text);
    if (strncmp(d, "(program ", 9) != 0) return d;
    snprintf(out, sizeof out, "%.*s", (int)strlen(d) - 10, d + 9);
    return out;
}

Test(precedence, arithmetic)
{
    cr_expect_str_eq(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    cr_expect_str_eq(expr("1 - 2 - 3"), "(- (- 1 2) 3)");
    cr_expect_str_eq(expr("8 / 4 / 2"), "(/ (/ 8 4) 2)");
    cr_expect_str_eq(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
}

Test(precedence, power_is_right_associative_and_above_unary_minus)
{
    cr_expect_str_eq(expr("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))");
    cr_expect_str_eq(expr("-2 ^ 2"), "(- (^ 2 2))");
    cr_expect_str_eq(expr("2 ^ -1"), "(^ 2 (- 1))");
    cr_expect_str_eq(expr("-a * b"), "(* (- a) b)");
}

Test(precedence, quantity_binds_tighter_than_operators)
{
    cr_expect_str_eq(expr("100 EUR / 2 year"), "(/ (unit 100 EUR) (unit 2 year))");
    cr_expect_str_eq(expr("-5 EUR"), "(- (unit 5 EUR))");
    cr_expect_str_eq(expr("2 session * 3"), "(* (unit 2 session) 3)");
}

Test(precedence, comparisons_logic_and_to)
{
    cr_expect_str_eq(expr("a + 1 < b * 2"), "(< (+ a 1) (* b 2))");
    cr_expect_str_eq(expr("not a == b and c or d"), "(or (and (not (== a b)) c) d)");
    cr_expect_str_eq(expr("20% to 30% + x"), "(to 20% (+ 30% x))");
    cr_expect_str_eq(expr("x to y > 3"), "(> (to x y) 3)");
    cr_expect_str_eq(expr("s in [\"CDI\", \"CDD\"]"), "(in s (list \"CDI\" \"CDD\"))");
}

Test(precedence, where_by_with)
{
    cr_expect_str_eq(expr("t where a > 1 and b by c"), "(by (where t (and (> a 1) b)) c)");
    cr_expect_str_eq(expr("t where a where b"), "(where (where t a) b)");
    cr_expect_str_eq(expr("m with { employment.deadweight = 40%, discount = 4.5% }"),
                     "(with m (employment.deadweight 40%) (discount 4.5%))");
    cr_expect_str_eq(expr("m with {a: 1} with {b = 2}"), "(with (with m (a 1)) (b 2))");
}

Test(precedence, postfix)
{
    cr_expect_str_eq(expr("a.b.c"), "(. (. a b) c)");
    cr_expect_str_eq(expr("t[\"Nom complet\"][0]"), "([] ([] t \"Nom complet\") 0)");
    cr_expect_str_eq(expr("f(x)(y).z"), "(. (call (call f x) y) z)");
    cr_expect_str_eq(expr("-t.col ^ 2"), "(- (^ (. t col) 2))");
}

Test(constructs, calls_with_named_arguments)
{
    cr_expect_str_eq(expr("f(1, y, p95: 3, seed = 4)"), "(call f 1 y (p95: 3) (seed: 4))");
    cr_expect_str_eq(expr("f()"), "(call f)");
    cr_expect_str_eq(expr("f(1, 2,)"), "(call f 1 2)");
}

Test(constructs, literals)
{
    cr_expect_str_eq(expr("[1, \"a\", true, false, []]"), "(list 1 \"a\" true false (list))");
    cr_expect_str_eq(expr("{a: 1, b = 2}"), "(record (a 1) (b 2))");
    cr_expect_str_eq(expr("{}"), "(record)");
    cr_expect_str_eq(expr("{\n  a = 1\n  b = 2\n}"), "(record (a 1) (b 2))");
    cr_expect_str_eq(expr("80_000"), "80000");
    cr_expect_str_eq(expr("3.5%"), "3.5%");
}

Test(constructs, if_and_lambda)
{
    cr_expect_str_eq(expr("if a > 1 then \"big\" else \"small\""),
                     "(if (> a 1) \"big\" \"small\")");
    cr_expect_str_eq(expr("if a then 1 else if b then 2 else 3"), "(if a 1 (if b 2 3))");
    cr_expect_str_eq(expr("fn(x, y = 2) = x + y"), "(lambda (x (y 2)) (+ x y))");
    cr_expect_str_eq(expr("map(xs, fn(x) = x * 2)"), "(call map xs (lambda (x) (* x 2)))");
}

Test(constructs, blocks)
{
    cr_expect_str_eq(expr("{ let y = x * 2; y + 1 }"), "(block (let y (* x 2)) (+ y 1))");
    cr_expect_str_eq(expr("{\n  let y = 2\n  fn g(z) = z\n  g(y)\n}"),
                     "(block (let y 2) (fn g (z) z) (call g y))");
}

Test(statements, all_kinds)
{
    cr_expect_str_eq(dump_of("let a = 1\nfn share(part, whole) = part / whole\nprint a\n"
                             "use \"std/proxies_fr\" as fr\nuse \"models/cae/base.impact\"\n"
                             "unit session\nunit hour = 60 minute\na + 1"),
                     "(program (let a 1) (fn share (part whole) (/ part whole)) (print a) "
                     "(use \"std/proxies_fr\" fr) (use \"models/cae/base.impact\" base) "
                     "(unitdecl session) (unitdecl hour (unit 60 minute)) (+ a 1))");
    cr_expect_str_eq(dump_of(""), "(program)");
    cr_expect_str_eq(dump_of("\n# only a comment\n"), "(program)");
}

Test(statements, model_declaration)
{
    const char *src = "model artisans \"CAE Artisans\" {\n"
                      "  discount = 3.5%\n"
                      "  stakeholder entrepreneurs \"Entrepreneurs\"\n"
                      "  input grant \"Subvention\" = 80_000 EUR { funder = \"Métropole\" }\n"
                      "  outcome employment \"Emploi\" for entrepreneurs {\n"
                      "    quantity = 40, proxy = 9_000 EUR\n"
                      "    deadweight = pert(20%, 30%, 50%)\n"
                      "  }\n"
                      "  outcome bare\n"
                      "}\n";
    cr_expect_str_eq(
        dump_of(src),
        "(program (model artisans \"CAE Artisans\" (discount 3.5%) "
        "(stakeholder entrepreneurs \"Entrepreneurs\") "
        "(input grant \"Subvention\" (= (unit 80000 EUR)) (funder \"Métropole\")) "
        "(outcome employment \"Emploi\" (for entrepreneurs) (quantity 40) (proxy (unit 9000 EUR)) "
        "(deadweight (call pert 20% 30% 50%))) (outcome bare)))");
    cr_expect_str_eq(dump_of("model m {}"), "(program (model m))");
}

Test(statements, node_locations)
{
    SourceFile *src = source_new("f.impact", "let a = 1\n  print a + b", 23);
    SyntaxError err;
    cr_assert(parse_source(src, &err));
    Node *print = src->root->items[1];
    cr_expect_eq(print->kind, N_PRINT);
    cr_expect_eq(print->loc.line, 2);
    cr_expect_eq(print->loc.col, 3);
    cr_expect_str_eq(print->loc.file, "f.impact");
    /* a binary node is located at its operator */
    cr_expect_eq(print->a->loc.col, 11);
    cr_expect_eq(print->a->b->loc.col, 13);
    source_free(src);
}

Test(statements, strings_keep_their_length)
{
    SourceFile *src = source_new("f.impact", "\"a\\u{0}b\"", 9);
    SyntaxError err;
    cr_assert(parse_source(src, &err));
    cr_expect_eq(src->root->items[0]->a->len, 3); /* a, NUL, b */
    source_free(src);
}

/* ---- syntax errors: message and place ---- */

Test(parse_errors, expression_missing_after_operator)
{
    cr_expect_str_eq(dump_of("let x = 1 +"), "ERROR 1:12 expected an expression after '+'");
    cr_expect_str_eq(dump_of("let x = 1 *\n"), "ERROR 1:12 expected an expression after '*'");
    cr_expect_str_eq(dump_of("print (1 + )"), "ERROR 1:12 expected an expression after '+'");
}

Test(parse_errors, brackets)
{
    cr_expect_str_eq(dump_of("let x = f(1,\n  2"), "ERROR 1:10 this '(' is never closed: add ')'");
    cr_expect_str_eq(dump_of("let x = [1, 2\nlet y = 3"),
                     "ERROR 1:9 this '[' is never closed: add ']'");
    cr_expect_str_eq(dump_of("let x = 1)"),
                     "ERROR 1:10 unexpected ')' \xe2\x80\x94 there is no '(' to close");
    cr_expect_str_eq(dump_of("let x = f(1]"),
                     "ERROR 1:12 unexpected ']': the '(' opened at line 1, column 10 must be "
                     "closed first with ')'");
    cr_expect_str_eq(dump_of("model m {\n  discount = 3%\n"),
                     "ERROR 1:9 this '{' is never closed: add '}'");
}

Test(parse_errors, let_and_names)
{
    cr_expect_str_eq(dump_of("let x 5"), "ERROR 1:7 expected '=' after 'let x'");
    cr_expect_str_eq(dump_of("let = 5"), "ERROR 1:5 expected a name after 'let', not '='");
    cr_expect_str_eq(dump_of("use proxies"),
                     "ERROR 1:5 expected a text in quotes after 'use', not 'proxies'");
}

Test(parse_errors, model_fields)
{
    cr_expect_str_eq(dump_of("model m {\n  outcome o {\n    quantity\n  }\n}"),
                     "ERROR 3:5 a model field needs a value: write 'quantity = 40'");
    cr_expect_str_eq(dump_of("model m {\n  outcome o {\n    quantity =\n  }\n}"),
                     "ERROR 3:15 a model field needs a value: write 'quantity = 40'");
    cr_expect_str_eq(dump_of("model m {\n  discount\n}"),
                     "ERROR 2:3 a model field needs a value: write 'discount = 3.5%'");
}

Test(parse_errors, values_side_by_side)
{
    cr_expect_str_eq(dump_of("print 80 000"),
                     "ERROR 1:10 two numbers side by side: write thousands as 80_000 (not 80 000), "
                     "or put an operator between them");
    cr_expect_str_eq(dump_of("print a b"),
                     "ERROR 1:9 expected an operator or the end of the line before 'b'");
    cr_expect_str_eq(dump_of("print f(a b)"), "ERROR 1:11 expected an operator or ',' before 'b'");
}

Test(parse_errors, if_and_comparisons)
{
    cr_expect_str_eq(dump_of("let a = if x then 1"),
                     "ERROR 1:20 this 'if' needs an 'else': write 'if CONDITION then A else B'");
    cr_expect_str_eq(dump_of("let a = if x 1 else 2"),
                     "ERROR 1:14 expected 'then' after the condition of 'if': write 'if CONDITION "
                     "then A else B'");
    cr_expect_str_eq(dump_of("print 1 < 2 < 3"),
                     "ERROR 1:13 comparisons cannot be chained: write 'a < b and b < c'");
}

Test(parse_errors, lexical_errors_are_located)
{
    cr_expect_str_eq(dump_of("let a = 1\nprint \"abc"),
                     "ERROR 2:7 unterminated string: close it with \" on the same line");
    cr_expect_str_eq(dump_of("let a = 3 \xc2\xa7"), "ERROR 1:11 unknown character '\xc2\xa7'");
    cr_expect_str_eq(dump_of("let a = .5"),
                     "ERROR 1:9 a number starts with a digit: write 0.5, not .5");
    cr_expect_str_eq(
        dump_of("let a = \"caf\xe9\""),
        "ERROR 1:13 this file is not valid UTF-8 (byte 0xE9): save it with the UTF-8 encoding");
}

Test(parse_errors, statement_start)
{
    cr_expect_str_eq(dump_of("* 3"), "ERROR 1:1 a statement cannot start with '*'");
    cr_expect_str_eq(dump_of("let a = 1\n* 3"), "ERROR 2:1 a statement cannot start with '*'");
}

Test(parse_errors, deep_nesting_is_an_error_not_a_crash)
{
    char text[1000];
    memset(text, '(', 500);
    strcpy(text + 500, "1");
    cr_expect(strstr(dump_of(text), "too many brackets") != NULL);
    /* 20000 unary minuses exceed the parser's stack */
    static char minus[20010];
    memset(minus, '-', 20000);
    strcpy(minus + 20000, "1");
    cr_expect(strncmp(dump_of(minus), "ERROR 1:", 8) == 0);
}

Test(incomplete, what_asks_for_another_line)
{
    cr_expect(source_is_incomplete("let a = (1 +"));
    cr_expect(source_is_incomplete("let a = 1 +"));
    cr_expect(source_is_incomplete("model m {"));
    cr_expect(source_is_incomplete("let a = if x then 1"));
    cr_expect(source_is_incomplete("let a = f(1,\n"));
    cr_expect(!source_is_incomplete("let a = 1"));
    cr_expect(!source_is_incomplete("let a = 1)"));
    cr_expect(!source_is_incomplete("let a =")); /* a value must follow on the same line */
    cr_expect(!source_is_incomplete("print \"abc"));
    cr_expect(!source_is_incomplete(""));
}

Test(source, lines_of_the_text)
{
    SourceFile *src = source_new("f", "one\r\ntwo\nthree", 15);
    char buf[16];
    source_line(src, 1, buf, sizeof buf);
    cr_expect_str_eq(buf, "one");
    source_line(src, 3, buf, sizeof buf);
    cr_expect_str_eq(buf, "three");
    source_line(src, 4, buf, sizeof buf);
    cr_expect_str_eq(buf, "");
    source_line(src, 2, buf, 3);
    cr_expect_str_eq(buf, "tw");
    source_free(src);
}

Test(source, read_missing_file)
{
    cr_expect_null(source_read("/nonexistent/file.impact"));
}

Test(source, node_push_grows)
{
    SourceFile *src = source_new("f", "", 0);
    SrcLoc loc = { "f", 1, 1 };
    Node *list = node_new(src, N_LIST, loc);
    for (int i = 0; i < 1000; i++) {
        Node *num = node_new(src, N_NUMBER, loc);
        num->num = i;
        node_push(src, list, num);
    }
    cr_assert_eq(list->n_items, 1000);
    for (int i = 0; i < 1000; i++) cr_expect_eq(list->items[i]->num, i);
    cr_expect_str_eq(node_kind_name(N_WITH_UNIT), "with_unit");
    source_free(src);
}

Test(constructs, keywords_as_field_names)
{
    /* a CSV column called "unit", an entry field called "unit", a named argument "to" */
    cr_expect_str_eq(expr("t.unit + t.to"), "(+ (. t unit) (. t to))");
    cr_expect_str_eq(expr("{unit = \"h\", in: 2}"), "(record (unit \"h\") (in 2))");
    cr_expect_str_eq(expr("f(to: 3)"), "(call f (to: 3))");
    /* at the top level they stay keywords */
    cr_expect_str_eq(dump_of("unit = 3"), "ERROR 1:6 expected a name after 'unit', not '='");
}

Test(parse_errors, use_needs_a_name)
{
    cr_expect_str_eq(
        dump_of("use \"std/proxies-fr\""),
        "ERROR 1:5 'proxies-fr' cannot be used as a name: write 'use \"std/proxies-fr\" as NAME'");
    cr_expect_str_eq(dump_of("print 1e999"), "ERROR 1:7 the number 1e999 is too large");
}

Test(parse_errors, habits_from_spreadsheets_and_other_languages)
{
    cr_expect_str_eq(dump_of("let d = 3,5%"),
                     "ERROR 1:10 decimals are written with a point: write 3.5%, not 3,5%");
    cr_expect_str_eq(dump_of("model m {\n outcome o {\n  deadweight = 12,5%\n }\n}"),
                     "ERROR 3:18 decimals are written with a point: write 12.5%, not 12,5%");
    /* a model setting, and a quantity */
    cr_expect_str_eq(dump_of("model m {\n discount = 3,5%\n}"),
                     "ERROR 2:14 decimals are written with a point: write 3.5%, not 3,5%");
    cr_expect_str_eq(dump_of("let p = 9,5 EUR"),
                     "ERROR 1:10 decimals are written with a point: write 9.5 EUR, not 9,5 EUR");
    cr_expect_str_eq(dump_of("print [3,5]"), "(program (print (list 3 5)))"); /* two items */
    /* `x = 3` as a statement: the user meant let */
    cr_expect_str_eq(
        dump_of("x = 3"),
        "ERROR 1:3 unexpected '=' after 'x': to give a name to a value, write 'let x = 3'");
    cr_expect_str_eq(dump_of("let a = 1; total = a * 2   # comment"),
                     "ERROR 1:18 unexpected '=' after 'total': to give a name to a value, write "
                     "'let total = a * 2'");
    cr_expect_str_eq(dump_of("print f(3,5)"), "(program (print (call f 3 5)))"); /* two arguments */
    cr_expect_str_eq(dump_of("print n = 3"),
                     "ERROR 1:9 unexpected '=' after 'n': to compare two values, write '=='");
    cr_expect_str_eq(dump_of("let c = 12 EUR x 3"),
                     "ERROR 1:16 expected an operator before 'x': to multiply, write *");
    cr_expect_str_eq(
        dump_of("if a then print 1 else 2"),
        "ERROR 1:11 'print' cannot be used inside an expression, only at the start of a statement");
    cr_expect_str_eq(dump_of("let p = (1, 2)"),
                     "ERROR 1:11 unexpected ',' inside parentheses: to write a list, use [1, 2]");
    cr_expect_str_eq(dump_of("print [1 2]"),
                     "ERROR 1:10 two numbers side by side: write thousands as 80_000 (not 80 000), "
                     "or put ',' or an operator between them");
}
