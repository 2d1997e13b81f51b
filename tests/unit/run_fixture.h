/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* run_fixture.h — running a program in a unit test and reading its result
 * as text (test_conversions.c, test_depth.c, test_eval.c, test_vector.c),
 * or as a number or an expected error (test_funders.c, test_judgements.c);
 * header-only, each test file being its own program. */
#ifndef RUN_FIXTURE_H
#define RUN_FIXTURE_H

#include "runtime/interp.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

/* Runs src in I; returns its value as printed, or "error: MESSAGE" (the
 * error is cleared), malloc'ed. */
static inline char *run_in(Interp *I, const char *src)
{
    Value v;
    StrBuf b;
    sb_init(&b);
    if (interp_run_string(I, "<test>", src, &v)) {
        value_format(I, v, &b);
        value_release(v);
    } else {
        sb_printf(&b, "error: %s", interp_error(I)->message);
        interp_clear_error(I);
    }
    return sb_take(&b);
}

/* Runs text in I; the test fails (with the error printed) unless it runs. */
static inline void fixture_run_ok(Interp *I, const char *text)
{
    Value out;
    bool ok = interp_run_string(I, "test.impact", text, &out);
    if (!ok) interp_print_error(I, stderr);
    cr_assert(ok, "program failed");
    value_release(out);
}

/* The number expr gives in I; the test fails if it is not one. */
static inline double fixture_num(Interp *I, const char *expr)
{
    Value v;
    bool ok = interp_run_string(I, "expr.impact", expr, &v);
    if (!ok) interp_print_error(I, stderr);
    cr_assert(ok && v.kind == V_NUM, "%s is not a number", expr);
    double d = v.as.num;
    value_release(v);
    return d;
}

/* The error text raises in I: its message must hold `want`, at line:col. */
static inline void fixture_expect_error(Interp *I, const char *text, const char *want, int line,
                                        int col)
{
    Value out;
    interp_clear_error(I);
    cr_assert(!interp_run_string(I, "bad.impact", text, &out), "expected an error for:\n%s", text);
    const ImpactError *e = interp_error(I);
    cr_expect(strstr(e->message, want), "message '%s' lacks '%s'", e->message, want);
    cr_expect(e->loc.line == line && e->loc.col == col, "'%s' at %d:%d, expected %d:%d", want,
              e->loc.line, e->loc.col, line, col);
}

#endif
