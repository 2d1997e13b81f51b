/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_depth.c — depth made by users never overflows the C stack: long
 * operator chains (parsed, checked and evaluated without one nested call per
 * operator), deep recursion (the stack guard raises "too deep"), values
 * nested deeper than VALUE_DEPTH_MAX (refused by print, bounded in the
 * printer and the JSON writer) and their release (iterative).  Each case
 * crashed (signal 11) before its fix; expected values are counted by hand. */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/check.h"
#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/stdlib.h"
#include "tests/unit/run_fixture.h"

static Interp *I;

static void setup(void)
{
    I = interp_new(NULL);
    stdlib_open(I);
}
static void teardown(void)
{
    interp_free(I);
}

TestSuite(depth, .init = setup, .fini = teardown);

static char *run(const char *src)
{
    return run_in(I, src);
}

/* "let x = 1 OP 1 OP ... OP 1" with n terms, then "x". */
static char *chain_text(const char *op, size_t n)
{
    StrBuf b;
    sb_init(&b);
    sb_append(&b, "let x = 1");
    for (size_t i = 1; i < n; i++) {
        sb_append(&b, op);
        sb_append(&b, "1");
    }
    sb_append(&b, "\nx\n");
    return sb_take(&b);
}

static bool known_nothing(const char *name, void *ctx)
{
    return false;
}

/* 1,000,000 ones added: 1000000; subtracted from the first: 1 - 999999 (over ten
 * times the depth a recursive parser or evaluator would survive on an 8 MB stack). */
Test(depth, a_million_terms_parse_check_and_evaluate)
{
    char *text = chain_text("+", 1000000);
    SourceFile *src = source_new("<chain>", text, strlen(text));
    SyntaxError err = { 0 };
    cr_assert(parse_source(src, &err), "%s", err.message);
    cr_expect(check_program(src->root, known_nothing, NULL, &err), "%s", err.message);
    source_free(src);
    char *got = run(text);
    cr_expect_str_eq(got, "1000000");
    free(got);
    free(text);

    text = chain_text("-", 1000000);
    got = run(text);
    cr_expect_str_eq(got, "-999998");
    free(got);
    free(text);
}

/* and/or keep their short circuit inside a long chain: false and ... is
 * false without evaluating 1/0 at the end (which would be an error). */
Test(depth, long_boolean_chain_short_circuits)
{
    StrBuf b;
    sb_init(&b);
    sb_append(&b, "false");
    for (int i = 0; i < 1000; i++) sb_append(&b, " and true");
    sb_append(&b, " and 1 / 0 == 1");
    char *text = sb_take(&b);
    char *got = run(text);
    cr_expect_str_eq(got, "false");
    free(got);
    free(text);
}

/* Each call of g nests 160 negations: 9000 calls (under the 10000-call
 * limit) need more stack than the evaluator has.  20 calls give 0. */
Test(depth, nested_recursion_is_too_deep_not_a_crash)
{
    StrBuf b;
    sb_init(&b);
    sb_append(&b, "fn g(n) = if n == 0 then 0 else ");
    for (int i = 0; i < 160; i++) sb_append(&b, "- ");
    sb_append(&b, "g(n - 1)\n");
    char *def = sb_take(&b);
    char *got = run(def);
    free(got);
    got = run("g(20)");
    cr_expect_str_eq(got, "0");
    free(got);
    /* The limit is a count of nested evaluations, the same in every build
     * (gcc, clang, AddressSanitizer's fake stack): g(9000) nests
     * 9000 x (160 negations + the call, its body's if, ...) > 100000. */
    got = run("g(9000)");
    cr_expect_str_eq(got,
                     "error: too deep: the calls and nested expressions here are nested "
                     "more than 100000 levels deep");
    free(got);
    /* Counted by hand from the tree: each call of g nests 162 evaluations
     * (its body's if, 160 negations, the call g(n - 1)); the statement and
     * the first call add 2, and g(0) the if, n == 0 and its operand: 617
     * calls nest 2 + 617 x 162 + 3 = 99,959 levels (fit), 618 calls already
     * 2 + 618 x 162 = 100,118 (too deep). */
    got = run("g(617)");
    cr_expect_str_eq(got, "0");
    free(got);
    got = run("g(618)");
    cr_expect(strncmp(got, "error: too deep", 15) == 0, "got %s", got);
    free(got);
    free(def);
}

/* A list nesting `levels` lists: [[[...[]...]]]. */
static Value nested_list(size_t levels)
{
    Value v = value_list_new(0);
    for (size_t i = 1; i < levels; i++) {
        Value outer = value_list_new(1);
        list_push_take(outer, v);
        v = outer;
    }
    return v;
}

/* 1000 levels print as 1000 "[" then 1000 "]"; deeper, the printer stops
 * at level 1000 with "…" and print refuses the value. */
Test(depth, printer_is_bounded)
{
    StrBuf b;
    sb_init(&b);
    Value v = nested_list(VALUE_DEPTH_MAX);
    value_format(I, v, &b);
    cr_expect_eq(b.len, 2 * VALUE_DEPTH_MAX);
    value_release(v);
    sb_free(&b);

    sb_init(&b);
    v = nested_list(50000);
    value_format(I, v, &b);
    /* 1000 "[", "…" (3 bytes), 1000 "]" */
    cr_expect_eq(b.len, 2 * VALUE_DEPTH_MAX + 3);
    cr_expect(strstr(b.data, "[\xE2\x80\xA6]") != NULL);
    value_release(v);
    sb_free(&b);

    char *got = run("print fold(range(50000), [], fn(acc, i) = [acc])");
    cr_expect(strstr(got, "nested more than 1000 levels deep") != NULL, "got %s", got);
    free(got);
}

/* json-c writes and frees recursively: the writer hands it 1000 levels at
 * most, the rest a "…" string. */
Test(depth, json_writer_is_bounded)
{
    Value v = nested_list(200000);
    struct json_object *j = value_to_json(I, v);
    size_t levels = 0;
    struct json_object *p = j;
    while (json_object_is_type(p, json_type_array)) {
        levels++;
        p = json_object_array_get_idx(p, 0);
    }
    cr_expect_eq(levels, VALUE_DEPTH_MAX);
    cr_expect_str_eq(json_object_get_string(p), "\xE2\x80\xA6");
    cr_expect(strlen(json_to_text(j)) > 2 * VALUE_DEPTH_MAX);
    json_object_put(j);
    value_release(v);
}

/* Freed on this thread's ordinary 8 MiB stack: one nested call per level
 * would need tens of megabytes. */
Test(depth, release_is_iterative)
{
    value_release(nested_list(300000));
    Value r = value_record_new();
    for (int i = 0; i < 300000; i++) {
        Value outer = value_record_new();
        record_set_take(outer, "a", r, (SrcLoc){ 0 });
        r = outer;
    }
    value_release(r);
    /* and through the interpreter, freed at teardown */
    char *got = run("let x = fold(range(300000), {a: 1}, fn(acc, i) = {a: acc})\n1");
    cr_expect_str_eq(got, "1");
    free(got);
}
