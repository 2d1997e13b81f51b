/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_check.c — static checks (lang/check.c) and name suggestions.
 * Expected distances are Levenshtein distances counted by hand. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_fields.h"

/* What the caller (the runtime) knows: a few builtins and units. */
static bool known(const char *name, void *ctx)
{
    (void)ctx;
    static const char *const builtins[] = { "csv", "count", "sum", "pert", "sroi", "EUR", "year" };
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i], name) == 0) return true;
    return false;
}

/* "ok", or "LINE:COL message" of the first problem */
static const char *check_of(const char *text)
{
    static char out[1024];
    SourceFile *src = source_new("t.impact", text, strlen(text));
    SyntaxError err;
    cr_assert(parse_source(src, &err), "parse failed: %s", err.message);
    /* with the SROI library's field rules, as the interpreter hands them in */
    CheckOptions opt = { .is_known = known };
    opt.fields = sroi_check_fields(&opt.n_fields);
    if (check_program_with(src->root, &opt, &err)) {
        snprintf(out, sizeof out, "ok");
    } else {
        snprintf(out, sizeof out, "%d:%d %s", err.loc.line, err.loc.col, err.message);
        free(err.message);
    }
    source_free(src);
    return out;
}

Test(distance, levenshtein_by_characters)
{
    cr_expect_eq(name_distance("revenu", "revenue"), 1); /* one insertion */
    cr_expect_eq(name_distance("kitten", "sitting"), 3); /* classic example: k->stored, e->i, +g */
    cr_expect_eq(name_distance("etat", "état"), 1);      /* é is one character, two bytes */
    cr_expect_eq(name_distance("", "abc"), 3);
    cr_expect_eq(name_distance("same", "same"), 0);
}

Test(suggest, closest_within_two)
{
    const char *const names[] = { "revenue", "people", "employed", "deadweight" };
    cr_expect_str_eq(suggest_name("revenu", names, 4), "revenue");
    cr_expect_str_eq(suggest_name("peple", names, 4), "people");
    cr_expect_str_eq(suggest_name("dedweght", names, 4), "deadweight"); /* two insertions: a, i */
    cr_expect_null(suggest_name("dedweigth", names, 4)); /* 3: +a, and g/h swapped = 2 */
    cr_expect_null(suggest_name("xyz", names, 4));
    cr_expect_null(suggest_name("employed", names, 4)); /* the same name is no suggestion */
}

Test(suggest, short_names_and_case)
{
    const char *const names[] = { "y", "Total" };
    cr_expect_null(suggest_name("x", names, 2)); /* distance 1 is the whole name */
    cr_expect_str_eq(suggest_name("total", names, 2), "Total");
}

Test(names, bound_names_pass)
{
    cr_expect_str_eq(check_of("let a = 1\nlet b = a + 1\nfn f(x, y = 2) = x * y + b\nprint f(a)"),
                     "ok");
    cr_expect_str_eq(check_of("use \"std/proxies_fr\" as fr\nprint fr.rsa"), "ok");
    cr_expect_str_eq(check_of("unit session\nprint 3 session + 2 session"), "ok");
    cr_expect_str_eq(check_of("let t = csv(\"a.csv\")\nprint count(t where age > 30 by sexe)"),
                     "ok");
    cr_expect_str_eq(check_of("let g = fn(x) = { let y = x * 2; y + 1 }\nprint g(1)"), "ok");
}

Test(names, unknown_name_with_suggestion)
{
    cr_expect_str_eq(check_of("let revenue = 1\nprint revenu * 2"),
                     "2:7 unknown name 'revenu' \xe2\x80\x94 did you mean 'revenue'?");
    cr_expect_str_eq(
        check_of("print nothing_like_it"),
        "1:7 unknown name 'nothing_like_it': define it first with 'let nothing_like_it = ...'");
}

Test(names, unknown_unit)
{
    cr_expect_str_eq(check_of("unit session\nprint 2 sesion"),
                     "2:7 unknown unit 'sesion' \xe2\x80\x94 did you mean 'session'?");
    cr_expect_str_eq(check_of("print 2 widgets"),
                     "1:7 unknown unit 'widgets': declare it first with 'unit widgets'");
    /* money and time: EUR or year, never a unit to declare */
    cr_expect_str_eq(check_of("print 2 euross"),
                     "1:7 unknown unit 'euross' \xe2\x80\x94 did you mean 'EUR'?");
    cr_expect_str_eq(check_of("print 2 annees"),
                     "1:7 unknown unit 'annees' \xe2\x80\x94 did you mean 'year'?");
    /* a module may declare the unit: not an error when the file uses one */
    cr_expect_str_eq(check_of("use \"std/wellbeing\"\nprint 2 widgets"), "ok");
}

Test(names, scopes)
{
    /* a block's names end with the block */
    cr_expect_str_eq(check_of("let a = { let inner = 1; inner }\nprint inner"),
                     "2:7 unknown name 'inner': define it first with 'let inner = ...'");
    /* parameters are visible in the body only */
    cr_expect_str_eq(check_of("fn f(x) = x\nprint x"),
                     "2:7 unknown name 'x': define it first with 'let x = ...'");
    /* a function may call itself and use globals defined after it */
    cr_expect_str_eq(check_of("fn f(n) = if n < 1 then rate else f(n - 1)\nlet rate = 2"), "ok");
    /* a top-level statement may not */
    cr_expect_str_eq(
        check_of("print rate\nlet rate = 2"),
        "1:7 'rate' is used before it is defined (on line 2): move its definition above");
}

Test(models, fields_see_the_model_names)
{
    cr_expect_str_eq(
        check_of("model m {\n stakeholder s\n outcome o for s { quantity = 3, proxy = 2 EUR }\n}\n"
                 "print sroi(m with { o.quantity = 4 })"),
        "ok");
}

Test(models, duplicates)
{
    cr_expect_str_eq(check_of("model m {\n outcome o\n stakeholder s\n outcome o\n}"),
                     "4:2 'o' is given twice in model 'm' (first at line 2): remove one of them");
    cr_expect_str_eq(
        check_of("model m {\n discount = 3%\n discount = 4%\n}"),
        "3:2 'discount' is given twice in model 'm' (first at line 2): remove one of them");
    cr_expect_str_eq(
        check_of("model m {\n outcome o {\n  proxy = 1 EUR\n  proxy = 2 EUR\n }\n}"),
        "4:3 'proxy' is given twice in outcome 'o' (first at line 3): remove one of them");
    cr_expect_str_eq(
        check_of("print {a: 1, a: 2}"),
        "1:14 'a' is given twice in this record (first at line 1): remove one of them");
}

Test(functions, arity_of_calls_to_fn)
{
    /* the words of runtime/call.c */
    cr_expect_str_eq(check_of("fn f(x) = x + 1\nprint f(1, 2)"),
                     "2:8 f() takes 1 argument (x) but was given 2");
    cr_expect_str_eq(check_of("fn share(part, whole = 100) = part / whole\nprint share(1, 2, 3)"),
                     "2:12 share() takes 1 to 2 arguments (part, whole) but was given 3");
    cr_expect_str_eq(check_of("fn f(a, b) = a\nprint f(b: 1)"),
                     "2:8 f() is missing its argument 'a'");
    cr_expect_str_eq(check_of("fn f(a, b) = a\nprint f(1, a: 2, b: 3)"),
                     "2:15 f(): argument 'a' is given twice");
    cr_expect_str_eq(check_of("fn share(part, whole) = part\nprint share(1, hole: 3)"),
                     "2:22 share() has no parameter 'hole' \xe2\x80\x94 did you mean 'whole'?");
    cr_expect_str_eq(check_of("fn f(a) = a\nprint f(1, zzz: 3)"),
                     "2:17 f() has no parameter 'zzz'; its parameters are a");
    /* inside a body, which runs later */
    cr_expect_str_eq(check_of("fn g(x) = f(x)\nfn f(a, b) = a + b"),
                     "1:12 f() is missing its argument 'b'");
    /* right calls, and names that may stand for another function: not checked */
    cr_expect_str_eq(check_of("fn share(part, whole = 100) = part / whole\nprint share(25)\nprint "
                              "share(3, whole: 4)"),
                     "ok");
    cr_expect_str_eq(check_of("fn f(a) = a\nfn g(f) = f(1, 2)"), "ok");
    cr_expect_str_eq(check_of("fn f(a) = a\nlet f = fn(a, b) = a\nprint f(1, 2)"), "ok");
    cr_expect_str_eq(check_of("fn f(a) = a\nfn g() = f(1, 2)\nlet f = fn(a, b) = a"), "ok");
}

Test(models, literal_values_the_model_refuses)
{
    const char *head = "model m \"T\" {\n stakeholder s \"S\"\n input g \"G\" = 100 EUR\n outcome "
                       "o \"O\" for s {\n";
    char text[512];
    /* the words of stdlib/sroi/sroi_fields.h, as the run says them */
    snprintf(text, sizeof text, "%s  quantity = 10\n  deadweight = 120%%\n }\n}", head);
    cr_expect_str_eq(
        check_of(text),
        "6:3 deadweight of outcome 'o' is 120%: a deadweight must lie between 0% and 100%");
    snprintf(text, sizeof text, "%s  attribution = -5%%\n }\n}", head);
    cr_expect_str_eq(
        check_of(text),
        "5:3 attribution of outcome 'o' is -5%: an attribution must lie between 0% and 100%");
    snprintf(text, sizeof text, "%s  dropoff = 2\n }\n}", head);
    cr_expect_str_eq(check_of(text),
                     "5:3 dropoff of outcome 'o' is 200%: a dropoff must lie between 0% and 100%");
    snprintf(text, sizeof text, "%s  start = 3\n }\n}", head);
    cr_expect_str_eq(check_of(text),
                     "5:3 start of outcome 'o' is 3: start must be 1 (the outcome begins in the "
                     "year of the activity) or 2 (the year after)");
    cr_expect_str_eq(check_of("model m {\n discount = 150%\n}"),
                     "2:2 the discount rate is 150%: a discount rate must lie between 0% and 100%");
    /* values within range, and values computed when the file runs: left to the run */
    snprintf(
        text, sizeof text,
        "%s  deadweight = 100%%\n  leakage = 0%%\n  start = 2\n  displacement = 1 - 150%%\n }\n}",
        head);
    cr_expect_str_eq(check_of(text), "ok");
}

Test(functions, repeated_parameter)
{
    cr_expect_str_eq(
        check_of("fn f(x, y, x) = x"),
        "1:12 parameter 'x' is repeated in function 'f': give each parameter its own name");
    cr_expect_str_eq(
        check_of("let g = fn(a, a) = a"),
        "1:15 parameter 'a' is repeated in this function: give each parameter its own name");
}

Test(functions, no_callback_means_only_bound_names)
{
    SourceFile *src = source_new("t.impact", "print csv", 9);
    SyntaxError err;
    cr_assert(parse_source(src, &err));
    cr_expect(!check_program(src->root, NULL, NULL, &err));
    free(err.message);
    source_free(src);
}

/* A generated line `print 1 + 1 + ... + 1` is a left-deep tree 50000 levels
 * deep; checking it must not recurse once per level.  The check runs in a
 * thread with a 256 KiB stack, which a recursive walk (about 50 bytes per
 * level and more) would overflow. */
typedef struct DeepJob {
    const Node *root;
    bool ok;
} DeepJob;

static void *check_in_thread(void *arg)
{
    DeepJob *job = arg;
    SyntaxError err;
    job->ok = check_program(job->root, known, NULL, &err);
    if (!job->ok) free(err.message);
    return NULL;
}

Test(robustness, long_chains_use_little_stack)
{
    enum { TERMS = 50000 };
    size_t size = 6 + (size_t)TERMS * 4 + 1;
    char *text = malloc(size);
    cr_assert_not_null(text);
    char *p = text + sprintf(text, "print 1");
    for (int i = 1; i < TERMS; i++) p += sprintf(p, " + 1");
    SourceFile *src = source_new("deep.impact", text, strlen(text));
    free(text);
    SyntaxError err;
    cr_assert(parse_source(src, &err));
    DeepJob job = { src->root, false };
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t thread;
    cr_assert_eq(pthread_create(&thread, &attr, check_in_thread, &job), 0);
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    cr_expect(job.ok);
    source_free(src);
}

/* ---- names read from modules (check_set_modules) ---- */

/* One module, "lib", whose top-level names are rate, share and sub. */
static const Node *lib_root(void *ctx, const char *spec)
{
    SourceFile *lib = ctx;
    return strcmp(spec, "lib") == 0 ? lib->root : NULL;
}

static const char *check_with_lib(const char *text)
{
    const char *lib_text = "let rate = 3%\nfn share(x) = x * rate\nuse \"other\" as sub\n";
    SourceFile *lib = source_new("lib.impact", lib_text, strlen(lib_text));
    SyntaxError err;
    cr_assert(parse_source(lib, &err));
    CheckModules hook = { lib_root, lib };
    check_set_modules(&hook);
    const char *out = check_of(text);
    check_set_modules(NULL);
    source_free(lib);
    return out;
}

Test(check_modules, member_names)
{
    cr_expect_str_eq(check_with_lib("use \"lib\" as m\nprint m.rate + m.share(2)\nprint m.sub"),
                     "ok");
    cr_expect_str_eq(check_with_lib("use \"lib\" as m\nprint m.rat"),
                     "2:8 module 'lib' has no name 'rat' \xe2\x80\x94 did you mean 'rate'?");
    cr_expect_str_eq(check_with_lib("use \"lib\"\nfn f() = lib.nothing\n"),
                     "2:13 module 'lib' has no name 'nothing'; its names are rate, share, sub");
    /* a name bound again is not the module any more; an unknown module is left to the run */
    cr_expect_str_eq(check_with_lib("use \"lib\" as m\nlet m = {a: 1}\nprint m.b"), "ok");
    cr_expect_str_eq(check_with_lib("use \"nowhere\" as m\nprint m.b"), "ok");
    /* without the hook nothing is looked into */
    cr_expect_str_eq(check_of("use \"lib\" as m\nprint m.rat"), "ok");
}

/* Literal field checks come from the caller's table (the language knows no
 * field): with a rule, 150% is refused in the words of the table; without
 * one, the same model passes the check (the run still refuses it). */
Test(check, field_rules_come_from_the_caller)
{
    const char *text = "model m {\n  stakeholder p \"P\"\n  outcome o \"O\" for p {\n"
                       "    quantity = 1\n    proxy = 1\n    loss = 150%\n    phase = 3\n  }\n}\n";
    SourceFile *src = source_new("t.impact", text, strlen(text));
    SyntaxError err;
    cr_assert(parse_source(src, &err), "parse failed: %s", err.message);
    cr_expect(check_program(src->root, NULL, NULL, &err));
    static const CheckField rules[] = {
        { "outcome", NULL, "ignored row", CHECK_SHARE, NULL },
        { "outcome", "loss", "a loss", CHECK_SHARE, NULL },
        { "outcome", "phase", "1 (first) or 2 (second)", CHECK_ONE_OR_TWO, NULL },
    };
    CheckOptions opt = { .fields = rules, .n_fields = 3 };
    cr_assert_not(check_program_with(src->root, &opt, &err));
    cr_expect_str_eq(err.message,
                     "loss of outcome 'o' is 150%: a loss must lie between 0% and "
                     "100%");
    cr_expect_eq(err.loc.line, 6);
    free(err.message);
    opt.fields = rules + 2; /* only the 1-or-2 rule */
    opt.n_fields = 1;
    cr_assert_not(check_program_with(src->root, &opt, &err));
    cr_expect_str_eq(err.message,
                     "phase of outcome 'o' is 3: phase must be 1 (first) or 2 (second)");
    free(err.message);
    source_free(src);
}
