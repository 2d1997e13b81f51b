/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_eval.c — the evaluator end to end through interp_run_string():
 * arithmetic with units, functions (closures, recursion, named and default
 * arguments), scopes, where/by/with, models, modules and their errors,
 * binding names for random streams.  Expected values are computed by hand
 * (each test says how). */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/disclosure.h"
#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

static Interp *I;

static void setup(void)
{
    I = interp_new(NULL);
    stdlib_open(I);
    interp_allow_dir(I, "/tmp", true); /* the tests' files are in /tmp */
}
static void teardown(void)
{
    interp_free(I);
}

static char *run(const char *src)
{
    return run_in(I, src);
}

#define EXPECT(src, want)                                                                          \
    do {                                                                                           \
        char *got_ = run(src);                                                                     \
        cr_expect_str_eq(got_, want, "%s", src);                                                   \
        free(got_);                                                                                \
    } while (0)

TestSuite(eval, .init = setup, .fini = teardown);

/* 80000 + 40000 = 120000; / 4 = 30000 */
Test(eval, money_arithmetic)
{
    EXPECT("(80_000 EUR + 40_000 EUR) / 4", "30000 EUR");
}

/* 9000 EUR/year × 3 year = 27000 EUR; × (1 − 25%) = 20250 EUR */
Test(eval, units_combine)
{
    EXPECT("9_000 EUR / year * 3 year * (1 - 25%)", "20250 EUR");
    /* dates.c defines year(d): the unit still wins where a value is expected */
    EXPECT("9_000 EUR / year", "9000 EUR/year");
}

Test(eval, let_and_last_expression)
{
    EXPECT("let x = 2\nx * 21", "42");
    EXPECT("let x = 2", "nothing");             /* a statement has no value */
    EXPECT("let x = 1; let x = x + 1; x", "2"); /* rebinding at top level */
}

Test(eval, closures_capture_their_scope)
{
    /* mk(2) returns fn(x) = x + 2; 40 + 2 = 42 */
    EXPECT("fn mk(k) = fn(x) = x + k\nlet add2 = mk(2)\nadd2(40)", "42");
    /* the captured k is the one of the call, not a later global */
    EXPECT("fn mk(k) = fn(x) = x + k\nlet f = mk(1)\nlet k = 100\nf(1)", "2");
}

Test(eval, recursion)
{
    /* 10! = 3628800 */
    EXPECT("fn fact(n) = if n <= 1 then 1 else n * fact(n - 1)\nfact(10)", "3628800");
    /* fib(20) = 6765 */
    EXPECT("fn fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2)\nfib(20)", "6765");
}

Test(eval, recursion_depth_is_an_error_not_a_crash)
{
    EXPECT("fn r(n) = r(n + 1)\nr(0)", "error: too deep: recursion of more than 10000 calls");
    /* 9000 nested calls are allowed: sum 1..9000 = 9000 × 9001 / 2 = 40504500 */
    EXPECT("fn s(n) = if n == 0 then 0 else n + s(n - 1)\ns(9000)", "40504500");
}

Test(eval, named_and_default_arguments)
{
    EXPECT("fn f(a, b = 2) = a * b\nf(3)", "6");
    EXPECT("fn f(a, b = 2) = a * b\nf(3, b: 5)", "15");
    EXPECT("fn f(a, b = 2) = a * b\nf(b: 5, a: 4)", "20");
    /* a default sees the parameters before it: c = a + 1 = 4; 3 × 4 = 12 */
    EXPECT("fn f(a, c = a + 1) = a * c\nf(3)", "12");
    EXPECT("fn f(a, b = 2) = a * b\nf(3, c: 5)",
           "error: f() has no parameter 'c'; its parameters are a, b");
    EXPECT("fn f(a, b) = a\nf(1)", "error: f() is missing its argument 'b'");
    EXPECT("fn f(a, b) = a\nf(1, 2, 3)", "error: f() takes 2 arguments (a, b) but was given 3");
    EXPECT("fn f(a) = a\nf(1, a: 2)", "error: f(): argument 'a' is given twice");
}

Test(eval, builtin_arity_message)
{
    EXPECT("round(1, 2, 3)", "error: round() takes 1 to 2 arguments (x, digits) but was given 3");
    EXPECT("len()", "error: len() takes 1 argument (x) but was given 0");
}

Test(eval, blocks_have_their_own_scope)
{
    EXPECT("fn f(x) = { let y = x * 2; y + 1 }\nf(20)", "41");
    EXPECT("fn f(x) = { let y = x * 2; y + 1 }\nlet z = f(1)\ny", "error: unknown name 'y'");
}

Test(eval, errors_in_words)
{
    EXPECT("let revenue = 1\nrevenu",
           "error: unknown name 'revenu' \xE2\x80\x94 did you mean 'revenue'?");
    EXPECT("10 / 0", "error: division by zero: the divisor is 0");
    EXPECT("\"a\" + 1", "error: cannot add text and number");
    EXPECT("let x = 3\nx(1)", "error: 'x' is a number, not a function");
    EXPECT("[1](2)", "error: cannot call a list: only functions can be called");
    EXPECT("{a: 1, b: 2}.x", "error: record has no field 'x'; its fields are a, b");
    EXPECT("[1, 2, 3][3]", "error: index 3 is out of range: the list has 3 items (indexes 0 to 2)");
    EXPECT("if 1 then 2 else 3", "error: the condition of 'if' must be true or false, got number");
    EXPECT("3.field",
           "error: cannot read field 'field' of number: only records, tables, modules and models "
           "have fields");
}

Test(eval, error_location_points_at_the_operator)
{
    Value v;
    cr_assert_not(interp_run_string(I, "<test>", "let a = 1\nlet b = a  /  0", &v));
    const ImpactError *e = interp_error(I);
    cr_expect_str_eq(e->loc.file, "<test>");
    cr_expect_eq(e->loc.line, 2);
    cr_expect_eq(e->loc.col, 12); /* the '/' is the 12th byte of "let b = a  /  0" */
}

Test(eval, uncertain_condition)
{
    /* a distribution compared gives an uncertain boolean: `if` refuses it */
    EXPECT("if normal(10, 1) > 10 then 1 else 2",
           "error: the condition is uncertain: use P(...) to get its probability");
}

Test(eval, strings_and_lists)
{
    EXPECT("\"ab\" + \"cd\"", "abcd");
    EXPECT("\"abc\" < \"abd\"", "true");
    EXPECT("[1, 2] + [3]", "[1, 2, 3]");
    EXPECT("2 in [1, 2, 3]", "true");
    EXPECT("\"CDD\" in [\"CDI\", \"CDD\"]", "true");
    EXPECT("[\"a\", {b: \"c\"}]", "[\"a\", {b: \"c\"}]");
}

Test(eval, boolean_logic_short_circuits)
{
    /* the right side would fail (unknown name) if it were evaluated */
    EXPECT("false and nope", "false");
    EXPECT("true or nope", "true");
    EXPECT("not (1 > 2)", "true");
}

Test(eval, with_on_records)
{
    EXPECT("let r = {a: 1, b: {c: 2}}\nr with { b.c = 5, a = 0 }", "{a: 0, b: {c: 5}}");
    EXPECT("let r = {a: 1}\nr with { z = 5 }", "error: record has no field 'z'; its fields are a");
    EXPECT("let r = {a: 1}\nlet s = r with { a = 2 }\nr.a", "1"); /* the original is unchanged */
}

/* ---- binding names -------------------------------------------------------------- */

static bool bi_bname(Interp *I, const CallArgs *a, Value *out)
{
    (void)a;
    StrBuf b;
    sb_init(&b);
    unsigned k = interp_next_draw_index(I);
    sb_printf(&b, "%s#%u", interp_binding_name(I), k);
    *out = value_str(b.data);
    sb_free(&b);
    return true;
}

static const BuiltinReg test_builtins[] = {
    { "bname", bi_bname, 0, 0, "bname()", "binding name and draw index" },
    { 0 },
};

Test(eval, binding_names_and_draw_counter)
{
    interp_register(I, test_builtins);
    EXPECT("let x = bname()\nx", "x#0");
    EXPECT("let y = [bname(), bname()]\ny", "[\"y#0\", \"y#1\"]");
    /* a function called from a top-level let draws under that let's name */
    EXPECT("fn f() = { let inner = bname(); inner }\nlet z = f()\nz", "z#0");
}

/* A model builder for tests: returns a record describing the declaration. */
static bool test_builder(Interp *I, const ModelDecl *d, Value *out)
{
    Value rec = value_record_new();
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < d->n_settings; i++) {
        sb_printf(&b, "%s=", d->settings[i].name);
        value_format(I, d->settings[i].value, &b);
        sb_append(&b, ";");
    }
    for (size_t i = 0; i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        sb_printf(&b, "%s %s", e->keyword, e->name);
        if (e->label) sb_printf(&b, " \"%s\"", e->label);
        if (e->for_name) sb_printf(&b, " for %s", e->for_name);
        if (e->value.kind != V_NIL) {
            sb_append(&b, " = ");
            value_format(I, e->value, &b);
        }
        for (size_t j = 0; j < e->n_fields; j++) {
            sb_printf(&b, " %s=", e->fields[j].name);
            value_format(I, e->fields[j].value, &b);
        }
        sb_append(&b, ";");
    }
    record_set_take(rec, "decl", value_str(b.data), d->loc);
    record_set_take(rec, "name", value_str(d->name), d->loc);
    sb_free(&b);
    *out = rec;
    return true;
}

Test(eval, model_declaration_is_evaluated_in_order)
{
    interp_set_model_builder(I, test_builder);
    interp_register(I, test_builtins);
    EXPECT("model m \"T\" {\n"
           "  discount = 3.5%\n"
           "  stakeholder s \"People\"\n"
           "  input grant \"G\" = 80_000 EUR\n"
           "  outcome e \"E\" for s {\n"
           "    quantity = 40\n"
           "    deadweight = bname()\n"
           "  }\n"
           "}\n"
           "m.decl",
           "discount=3.5%;stakeholder s \"People\";input grant \"G\" = 80000 EUR;"
           "outcome e \"E\" for s quantity=40 deadweight=m.e.deadweight#0;");
    /* a scenario's override draws under the model's qualified name */
    EXPECT("let s = m with { name = bname() }\ns.name", "m.name#0");
}

/* A declaration gives its block no value, even one that binds a value (a
 * model, a function): a file or block ending with one shows nothing, as one
 * ending with `let` does; the value before it is not kept either. */
Test(eval, declarations_have_no_value)
{
    interp_set_model_builder(I, test_builder);
    EXPECT("1\nmodel m { discount = 1% }", "nothing");
    EXPECT("2\nunit widget", "nothing");
    EXPECT("3\nfn f(x) = x", "nothing");
    EXPECT("fn g() = { let x = 4; x\nlet y = 5 }\ng()", "nothing");
}

Test(eval, model_without_builder_is_an_error)
{
    interp_set_model_builder(I, NULL);
    EXPECT("model m { discount = 1% }",
           "error: models need the standard library, which is not loaded");
}

/* ---- where and by on a table built by hand -------------------------------------------- */

static void define_people(void)
{
    /* age: 20, 30, missing, 40; status: "CDI", "CDD", "CDI", missing.
     * min_cell 1 (suppression off, as csv(..., min_cell: 1) does): these
     * tests count rows with len(), which otherwise follows the small-group
     * rule and would print `suppressed (n < 11)` for 4 rows */
    Value t = value_table_new(2);
    disclosure_mark_people(as_table(t), 1);
    Value age = value_column_new(COL_NUM, 4);
    double ages[] = { 20, 30, 0.0 / 0.0, 40 };
    memcpy(as_column(age)->num, ages, sizeof ages);
    Value status = value_column_new(COL_TEXT, 4);
    ColumnObj *sc = as_column(status);
    sc->codes[0] = strdict_intern(sc->dict, "CDI", 3);
    sc->codes[1] = strdict_intern(sc->dict, "CDD", 3);
    sc->codes[2] = strdict_intern(sc->dict, "CDI", 3);
    sc->codes[3] = -1;
    table_add_column(t, "age", age);
    table_add_column(t, "status", status);
    interp_define(I, "people", t);
    value_release(t);
}

Test(eval, where_filters_rows_with_columns_in_scope)
{
    define_people();
    /* ages >= 26: 30 and 40 (the missing age counts as false) */
    EXPECT("(people where age >= 26).age", "[30, 40]");
    EXPECT("len(people where status == \"CDI\")", "2");
    EXPECT("len(people where status in [\"CDI\", \"CDD\"] and age < 35)", "2");
    /* a constant condition keeps all or none of the rows */
    EXPECT("len(people where true)", "4");
    EXPECT(
        "people where age",
        "error: the condition after 'where' must be true or false for each row, got number column");
    EXPECT("[1, 2] where true", "error: 'where' filters a table or a column, not list");
}

static bool bi_fake_group_by(Interp *I, const CallArgs *a, Value *out)
{
    (void)I;
    *out = a->pos[1]; /* the key, to check how it was evaluated */
    value_retain(*out);
    return true;
}

static const BuiltinReg fake_group_by[] = {
    { "group_by", bi_fake_group_by, 2, 2, "group_by(table, key)", "test double" },
    { 0 },
};

Test(eval, by_evaluates_the_key_with_columns_in_scope)
{
    define_people();
    interp_set_hook(I, HOOK_GROUP_BY, &fake_group_by[0]); /* what stdlib_open() installs */
    EXPECT("people by status", "[\"CDI\", \"CDD\", \"CDI\", missing]");
}

/* ---- modules ------------------------------------------------------------------------------ */

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
}

static char *run_file(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    Value v;
    StrBuf b;
    sb_init(&b);
    if (interp_run_file(I, path, &v)) {
        value_format(I, v, &b);
        value_release(v);
    } else {
        sb_printf(&b, "error: %s", interp_error(I)->message);
        interp_clear_error(I);
    }
    return sb_take(&b);
}

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/impact-test-XXXXXX");
    cr_assert(mkdtemp(tmpdir));
}

Test(eval, modules_load_once_and_expose_their_names)
{
    make_tmpdir();
    interp_register(I, test_builtins);
    write_file("lib.impact",
               "let rate = 1.5\nlet tag = bname()\nfn twice(x) = x * 2\nprint \"loaded\"\n");
    write_file("main.impact",
               "use \"lib\" as lib\nuse \"lib.impact\" as again\n[lib.twice(lib.rate), again.rate, "
               "lib.tag]");
    char *got = run_file("main.impact");
    /* twice(1.5) = 3; the module's let draws under "lib.tag" */
    cr_expect_str_eq(got, "[3, 1.5, \"lib.tag#0\"]");
    free(got);
}

Test(eval, module_errors)
{
    make_tmpdir();
    write_file("a.impact", "use \"b\" as b\nlet x = 1\n");
    write_file("b.impact", "use \"a\" as a\nlet y = 2\n");
    char *got = run_file("a.impact");
    cr_expect_str_eq(got, "error: module cycle: a.impact uses b.impact, which uses a.impact");
    free(got);
    write_file("c.impact", "use \"lib\" as lib\nlib.nope\n");
    write_file("lib.impact", "let nape = 1\n");
    got = run_file("c.impact");
    cr_expect_str_eq(got,
                     "error: module 'lib' has no name 'nope' \xE2\x80\x94 did you mean 'nape'?");
    free(got);
    write_file("d.impact", "use \"missing_module\" as m\n");
    got = run_file("d.impact");
    cr_expect(strstr(got, "error: cannot find module 'missing_module' (looked in: ") == got, "%s",
              got);
    free(got);
}

Test(eval, errors_inside_a_module_are_located_in_it)
{
    make_tmpdir();
    write_file("bad.impact", "let a = 1\nlet b = a / 0\n");
    write_file("main.impact", "use \"bad\" as bad\n");
    char *got = run_file("main.impact");
    const ImpactError *e = interp_error(I);
    (void)e;
    free(got);
    Value v;
    char path[128];
    snprintf(path, sizeof path, "%s/main.impact", tmpdir);
    cr_assert_not(interp_run_file(I, path, &v));
    e = interp_error(I);
    cr_expect(strstr(e->loc.file, "bad.impact") != NULL, "%s", e->loc.file);
    cr_expect_eq(e->loc.line, 2);
}

Test(eval, std_modules_resolve_under_the_library_root)
{
    make_tmpdir();
    char dir[128];
    snprintf(dir, sizeof dir, "%s/stdlib", tmpdir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/stdlib/std", tmpdir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    write_file("stdlib/std/mylib.impact", "let answer = 42\n");
    setenv("IMPACT_ROOT", tmpdir, 1);
    Interp *J = interp_new(NULL);
    Value v;
    cr_assert(interp_run_string(J, "<test>", "use \"std/mylib\" as m\nm.answer", &v));
    cr_expect_eq(v.kind, V_NUM);
    cr_expect_eq(v.as.num, 42);
    interp_free(J);
    unsetenv("IMPACT_ROOT");
}

/* ---- print ------------------------------------------------------------------------------ */

static void sink(Interp *I, Value v, void *ctx)
{
    StrBuf *b = ctx;
    value_format(I, v, b);
    sb_append(b, "|");
}

Test(eval, print_goes_to_the_sink)
{
    StrBuf b;
    sb_init(&b);
    interp_set_print_sink(I, sink, &b);
    char *got = run("print 1 + 1\nprint \"a\"\nprint 25%");
    cr_expect_str_eq(b.data, "2|a|25%|");
    cr_expect_str_eq(got, "nothing");
    free(got);
    sb_free(&b);
}

/* ---- call chains, warn(), refusing foreign objects, dates ------------------------------- */

static char *printed_error(Interp *J)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    interp_print_error(J, f);
    fclose(f);
    return buf;
}

Test(eval, library_errors_name_the_library_and_lead_back_to_the_user)
{
    make_tmpdir();
    char dir[128];
    snprintf(dir, sizeof dir, "%s/stdlib", tmpdir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/stdlib/std", tmpdir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    write_file("stdlib/std/mylib.impact", "fn share(a, b) = a / b\nfn half_of(a) = share(a, 0)\n");
    setenv("IMPACT_ROOT", tmpdir, 1);
    Interp *J = interp_new(NULL);
    Value v;
    cr_assert_not(
        interp_run_string(J, "main.impact", "use \"std/mylib\" as m\nprint m.half_of(3)\n", &v));
    char *got = printed_error(J);
    /* columns by hand: '/' is byte 20 of line 1, share's '(' byte 22 of
     * line 2, half_of's '(' byte 16 of the user's line 2 */
    cr_expect_str_eq(
        got,
        "std/mylib.impact:1:20: error: division by zero: the divisor is 0\n"
        "  fn share(a, b) = a / b\n"
        "                     ^\n"
        "  called from std/mylib.impact:2:22\n"
        "  called from main.impact:2:16\n"
        "    print m.half_of(3)\n"
        "                   ^\n"
        "hint: check the value on the right of '/'; use if ... then ... else to handle 0\n");
    free(got);
    interp_free(J);
    unsetenv("IMPACT_ROOT");
}

Test(eval, warn_is_a_located_warning)
{
    cr_assert_eq(interp_warning_count(I), 0);
    char *got = run("let x = 3\nwarn(\"double counting?\")\nx");
    cr_expect_str_eq(got, "3");
    free(got);
    cr_assert_eq(interp_warning_count(I), 1);
    /* the call's place is its '(' : byte 5 of line 2 */
    cr_expect_str_eq(interp_warning_text(I, 0), "<test>:2:5: warning: double counting?");
}

static bool refuse_always(Interp *J, ForeignObj *o, SrcLoc loc)
{
    rt_raise(J, loc, "this thing may not be used");
    return false;
}

static const ObjClass refusing_class = { .name = "refusing thing", .refuse_use = refuse_always };
static const ObjClass plain_class = { .name = "gadget" };

Test(eval, foreign_objects_can_refuse_arithmetic_and_comparisons)
{
    Value r = value_foreign(&refusing_class, NULL);
    interp_define(I, "r", r);
    value_release(r);
    EXPECT("r + 1", "error: this thing may not be used");
    EXPECT("2 * r", "error: this thing may not be used");
    EXPECT("r == r", "error: this thing may not be used");
    EXPECT("-r", "error: this thing may not be used");
    /* a suppressed figure (runtime/disclosure.c) refuses every use */
    Value s = disclosure_suppressed(5);
    interp_define(I, "s", s);
    value_release(s);
    EXPECT("s < 3",
           "error: this figure is suppressed because it concerns fewer than 5 people "
           "(small-group protection, see SPEC.md)");
    /* other foreign objects are unchanged */
    Value g = value_foreign(&plain_class, NULL);
    interp_define(I, "g", g);
    value_release(g);
    EXPECT("g + 1", "error: cannot add gadget and number");
}

Test(eval, date_numbers_print_as_dates)
{
    /* 2024-03-01 is day 19783 after 1970-01-01 (python3: date(2024,3,1) - date(1970,1,1)) */
    Value d = value_num(19783);
    d.flags = VF_DATE;
    interp_define(I, "d", d);
    EXPECT("d", "2024-03-01");
    EXPECT("[d]", "[2024-03-01]");
}

/* ---- dates in arithmetic --------------------------------------------------------- */

Test(eval, date_arithmetic_follows_the_calendar)
{
    /* Python datetime: date(2024,1,31) + timedelta(30) = 2024-03-01 (2024 is
     * a leap year); date(2024,3,1) - date(2024,1,31) = 30 days. */
    EXPECT("date(\"2024-01-31\") + 30", "2024-03-01");
    EXPECT("date(\"2024-03-01\") - 30", "2024-01-31");
    EXPECT("date(\"2024-03-01\") - date(\"2024-01-31\")", "30");
    EXPECT("type(date(\"2024-03-01\") - date(\"2024-01-31\"))", "number");
    EXPECT("add_months(date(\"2024-01-31\"), 1) + 1", "2024-03-01");
    EXPECT("date(\"2024-03-01\") > date(\"2024-01-31\")", "true");
    EXPECT("date(\"2024-03-01\") + date(\"2024-01-31\")",
           "error: cannot add two dates: subtract them to get a number of days, or add a number of "
           "days to a date");
    EXPECT("date(\"2024-03-01\") > 19783",
           "error: cannot compare a date with a number using '>': both sides must be dates");
    /* the hint says how to write a date */
    cr_expect_not(interp_run_string(I, "<test>", "date(\"2024-03-01\") == 19783", NULL));
    cr_expect_str_eq(interp_error(I)->hint,
                     "write the date you compare with as a date: date(\"2024-03-01\")");
    interp_clear_error(I);
}

/* ---- overflow and NaN -------------------------------------------------------------- */

Test(eval, overflow_and_nan_are_errors_at_the_operator)
{
    /* DBL_MAX is 1.797e308: 1e308 × 10 and 10^400 do not fit */
    EXPECT("1e308 * 10", "error: the result is too large to be represented (more than 1.8e308)");
    EXPECT("1e308 + 1e308", "error: the result is too large to be represented (more than 1.8e308)");
    EXPECT("-1e308 - 1e308",
           "error: the result is too large to be represented (more than 1.8e308)");
    EXPECT("1e308 / 1e-10", "error: the result is too large to be represented (more than 1.8e308)");
    EXPECT("10 ^ 400", "error: the result is too large to be represented (more than 1.8e308)");
    EXPECT("0 ^ -1", "error: division by zero: 0 to a negative power");
    EXPECT("0 / 0", "error: division by zero: the divisor is 0");
    /* exp(1000) would be +inf in C (beyond DBL_MAX): exp() itself refuses it */
    EXPECT("exp(1000) - exp(1000)",
           "error: exp(x): the result is too large to be represented (more than 1.8e308)");
    /* the largest double still computes: 1.7e308 + 0.07e308 = 1.77e308 */
    EXPECT("1.7e308 + 0.07e308", "1.77e+308");
    /* the error points at the operator that overflowed (column 13) */
    cr_expect_not(interp_run_string(I, "<test>", "let x = 1e300\nlet y = x * x * 0", NULL));
    cr_expect_eq(interp_error(I)->loc.line, 2);
    cr_expect_eq(interp_error(I)->loc.col, 11);
    interp_clear_error(I);
}

Test(eval, a_missing_value_from_data_stays_missing)
{
    /* a missing cell read as a number is NaN: arithmetic keeps it missing */
    Value c = value_column_new(COL_NUM, 2);
    as_column(c)->num[0] = 1;
    as_column(c)->num[1] = 0.0 / 0.0;
    interp_define(I, "c", c);
    value_release(c);
    EXPECT("c[1] + 1", "missing");
    EXPECT("c[1] * 1e308 * 10", "missing");
    EXPECT("c[0] + 1", "2");
}

Test(eval, distributions_divided_by_zero)
{
    EXPECT("normal(0, 1) / 0", "error: division by zero: the divisor is 0");
    /* every sample of normal(100, 1) is near 100: × 1e308 overflows in all */
    EXPECT("normal(100, 1) * 1e308",
           "error: the result is too large to be represented (more than 1.8e308) in 10000 of the "
           "10000 samples");
}

/* ---- threads ------------------------------------------------------------------------- */

Test(eval, thread_count_honours_the_environment)
{
    setenv("OMP_NUM_THREADS", "3", 1);
    unsetenv("IMPACT_THREADS");
    Interp *J = interp_new(NULL);
    cr_expect_eq(interp_settings(J)->threads, 3);
    interp_free(J);
    setenv("OMP_NUM_THREADS", "2,1", 1); /* a list: the first level counts */
    J = interp_new(NULL);
    cr_expect_eq(interp_settings(J)->threads, 2);
    interp_free(J);
    setenv("IMPACT_THREADS", "1", 1); /* IMPACT_THREADS wins */
    J = interp_new(NULL);
    cr_expect_eq(interp_settings(J)->threads, 1);
    interp_free(J);
    Settings s = { .threads = 5 }; /* an explicit count wins over both */
    J = interp_new(&s);
    cr_expect_eq(interp_settings(J)->threads, 5);
    interp_free(J);
    setenv("IMPACT_THREADS", "two", 1); /* not a count: a warning, then OMP_NUM_THREADS */
    J = interp_new(NULL);
    cr_expect_eq(interp_settings(J)->threads, 2);
    cr_assert_eq(interp_warning_count(J), 1);
    cr_expect_str_eq(interp_warning_text(J, 0),
                     "warning: IMPACT_THREADS=\"two\" is not a number of "
                     "threads (a whole number from 1 to 1024), so it is ignored: using 2 threads");
    interp_free(J);
    unsetenv("IMPACT_THREADS");
    setenv("OMP_NUM_THREADS", "many", 1); /* not a count: the number of cores */
    J = interp_new(NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cr_expect_eq(interp_settings(J)->threads, cores > 0 ? (int)cores : 1);
    interp_free(J);
}

/* A Monte Carlo model run with `threads` threads: the samples of its SROI
 * and of a derived distribution, and the model's JSON text. */
typedef struct McRun {
    double *sroi, *derived;
    size_t n;
    char *json;
} McRun;

static McRun run_mc(int threads)
{
    /* 300,000 samples: several RNG blocks, and whole-array loops above
     * vector.c's parallel threshold (100,000). */
    Settings s = { .samples = 300000, .threads = threads };
    Interp *J = interp_new(&s);
    stdlib_open(J);
    const char *src = "model m \"MC\" {\n"
                      "  stakeholder p \"People\"\n"
                      "  input grant \"Grant\" = 100_000 EUR\n"
                      "  outcome jobs \"Jobs\" for p {\n"
                      "    quantity = normal(40, 5)\n"
                      "    proxy = 2000 EUR to 3000 EUR\n"
                      "    deadweight = 10% to 30%\n"
                      "    duration = 3 year\n"
                      "    dropoff = 20%\n"
                      "  }\n"
                      "}\n"
                      "let r = sroi(m)\n"
                      "let d = (r * 2 - 1) / (r + 1) ^ 2\n";
    McRun out = { 0 };
    Value m, r, d;
    cr_assert(interp_run_string(J, "<test>", src, NULL), "%s",
              interp_has_error(J) ? interp_error(J)->message : "");
    cr_assert(interp_lookup(J, "m", &m) && interp_lookup(J, "r", &r) && interp_lookup(J, "d", &d));
    cr_assert(r.kind == V_DIST && d.kind == V_DIST);
    out.n = as_dist(r)->n;
    out.sroi = malloc(out.n * sizeof(double));
    out.derived = malloc(out.n * sizeof(double));
    memcpy(out.sroi, as_dist(r)->stored, out.n * sizeof(double));
    memcpy(out.derived, as_dist(d)->stored, out.n * sizeof(double));
    struct json_object *o = value_to_json(J, m);
    out.json = strdup(json_to_text(o));
    json_object_put(o);
    interp_free(J);
    return out;
}

Test(eval, monte_carlo_results_do_not_depend_on_the_thread_count)
{
    McRun one = run_mc(1), two = run_mc(2);
    cr_assert_eq(one.n, 300000);
    cr_assert_eq(two.n, one.n);
    cr_expect(memcmp(one.sroi, two.sroi, one.n * sizeof(double)) == 0, "SROI samples differ");
    cr_expect(memcmp(one.derived, two.derived, one.n * sizeof(double)) == 0,
              "derived samples differ");
    cr_expect_str_eq(one.json, two.json);
    free(one.sroi);
    free(one.derived);
    free(one.json);
    free(two.sroi);
    free(two.derived);
    free(two.json);
}
