/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_errors.c — the one error path (runtime/error.c): the printed format
 * with source line and caret (tabs and UTF-8 before the column), hints, the
 * first error winning, data locations, warnings, and the global scope API
 * the REPL uses.  Expected texts are written out by hand from the format in
 * interp.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"

static Interp *I;
static void setup(void)
{
    I = interp_new(NULL);
}
static void teardown(void)
{
    interp_free(I);
}

TestSuite(errors, .init = setup, .fini = teardown);

static char *printed_error(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    interp_print_error(I, f);
    fclose(f);
    return buf;
}

Test(errors, format_with_source_line_caret_and_hint)
{
    Value v;
    cr_assert_not(interp_run_string(I, "model.impact", "let a = 1\nlet b = a + 1 EUR\n", &v));
    char *got = printed_error();
    cr_expect_str_eq(
        got,
        "model.impact:2:11: error: cannot add a plain number and EUR: both sides of '+' must have "
        "the same unit\n"
        "  let b = a + 1 EUR\n"
        "            ^\n"
        "hint: write the unit on the plain number too, e.g. `5 EUR` rather than `5`\n");
    free(got);
}

Test(errors, caret_keeps_tabs_and_counts_characters)
{
    Value v;
    /* "\tlet é = 1 / 0": the '/' is byte 13 (é is two bytes); the caret line
     * copies the tab and puts one space per character */
    cr_assert_not(interp_run_string(I, "t.impact", "\tlet \xC3\xA9 = 1 / 0", &v));
    cr_expect_eq(interp_error(I)->loc.col, 13);
    char *got = printed_error();
    cr_expect_str_eq(
        got,
        "t.impact:1:13: error: division by zero: the divisor is 0\n"
        "  \tlet \xC3\xA9 = 1 / 0\n"
        "  \t          ^\n"
        "hint: check the value on the right of '/'; use if ... then ... else to handle 0\n");
    free(got);
}

Test(errors, first_error_wins_until_cleared)
{
    SrcLoc loc = { NULL, 0, 0 };
    cr_expect_not(rt_raise(I, loc, "first %d", 1));
    cr_expect_not(rt_raise(I, loc, "second"));
    cr_expect_not(rt_hint(I, "do %s", "this"));
    cr_expect_str_eq(interp_error(I)->message, "first 1");
    cr_expect_str_eq(interp_error(I)->hint, "do this");
    char *got = printed_error();
    cr_expect_str_eq(got, "error: first 1\nhint: do this\n"); /* no place to point at */
    free(got);
    interp_clear_error(I);
    cr_expect_not(interp_has_error(I));
    cr_expect_null(interp_error(I));
}

Test(errors, data_locations_outlive_the_caller)
{
    char name[32];
    strcpy(name, "people.csv");
    SrcLoc loc = loc_data(I, name, 12, 3);
    strcpy(name, "overwritten");
    rt_raise(I, loc, "cannot read 'abc' as a number");
    char *got = printed_error();
    cr_expect_str_eq(got, "people.csv:12:3: error: cannot read 'abc' as a number\n");
    free(got);
}

Test(errors, warnings_are_kept_in_order)
{
    SrcLoc loc = { "m.impact", 4, 2 };
    rt_warn(I, loc, "small group: %d people", 7);
    rt_warn(I, (SrcLoc){ 0 }, "no place");
    cr_assert_eq(interp_warning_count(I), 2);
    cr_expect_str_eq(interp_warning_text(I, 0), "m.impact:4:2: warning: small group: 7 people");
    cr_expect_str_eq(interp_warning_text(I, 1), "warning: no place");
    cr_expect_null(interp_warning_text(I, 2));
}

Test(errors, syntax_errors_use_the_same_path)
{
    Value v;
    cr_assert_not(interp_run_string(I, "<input>", "let x = (1 + 2", &v));
    cr_expect_str_eq(interp_error(I)->loc.file, "<input>");
    cr_expect_eq(interp_error(I)->loc.line, 1);
}

Test(errors, global_scope_in_definition_order)
{
    Value v;
    cr_assert(interp_run_string(I, "<input>", "let zeta = 1\nlet alpha = 2\nfn mid(x) = x", &v));
    interp_define(I, "zeta", value_num(5)); /* redefinition keeps its place */
    const char *names[8];
    size_t n = interp_global_names(I, names, 8);
    cr_assert_geq(n, 3);
    cr_expect_str_eq(names[0], "zeta");
    cr_expect_str_eq(names[1], "alpha");
    cr_expect_str_eq(names[2], "mid");
    cr_assert(interp_lookup(I, "zeta", &v));
    cr_expect_eq(v.as.num, 5);
    cr_expect_not(interp_lookup(I, "nope", &v));
}

Test(errors, interrupt_stops_the_evaluation)
{
    Value v;
    interp_request_interrupt(I);
    cr_assert_not(interp_run_string(I, "<input>", "1 + 1", &v));
    cr_expect_str_eq(interp_error(I)->message, "interrupted");
    interp_clear_error(I);
    cr_assert(interp_run_string(I, "<input>", "1 + 1", &v)); /* the flag was cleared */
}

Test(errors, settings_defaults)
{
    Settings *s = interp_settings(I);
    cr_expect_eq(s->samples, 10000);
    cr_expect_eq(s->seed, 20240601);
    cr_expect_eq(s->min_cell, 11);
    cr_expect_geq(s->threads, 1);
}
