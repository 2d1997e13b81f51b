/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* run_fixture.h — running a program in a unit test and reading its result
 * as text (test_conversions.c, test_depth.c, test_eval.c, test_vector.c),
 * or as a value, a number or an expected error (test_assume.c,
 * test_funders.c, test_judgements.c, test_report.c, test_sensitivity.c,
 * test_sroi.c), in an interpreter with the standard library
 * (fixture_interp); header-only, each test file being its own program. */
#ifndef RUN_FIXTURE_H
#define RUN_FIXTURE_H

#include "runtime/interp.h"
#include "stdlib/stdlib.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* An interpreter with the standard library, text output and the default
 * threshold (11); interp_free() it. */
static inline Interp *fixture_interp(size_t samples, uint64_t seed, int threads)
{
    Settings s = {
        .samples = samples, .seed = seed, .min_cell = 11, .format = FORMAT_TEXT, .threads = threads
    };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    return I;
}

/* A suite whose tests each run in a fresh interpreter I, made by
 * fixture_interp(samples, seed, threads) before the test, freed after. */
#define FIXTURE_SUITE(suite, samples, seed, threads)                                               \
    static Interp *I;                                                                              \
    static void fixture_setup(void)                                                                \
    {                                                                                              \
        I = fixture_interp(samples, seed, threads);                                                \
    }                                                                                              \
    static void fixture_teardown(void)                                                             \
    {                                                                                              \
        interp_free(I);                                                                            \
    }                                                                                              \
    TestSuite(suite, .init = fixture_setup, .fini = fixture_teardown)

/* The value code gives in I, run as the file `name` (which its messages and
 * explanations name); the caller releases it.  The test fails, with the
 * error printed, if it raises. */
static inline Value fixture_eval(Interp *I, const char *name, const char *code)
{
    Value v = value_nil();
    bool ok = interp_run_string(I, name, code, &v);
    if (!ok) interp_print_error(I, stderr);
    cr_assert(ok, "evaluation failed: %s", code);
    return v;
}

/* The message of the error text raises in I (I's own text, valid until its
 * next run); the test fails if it runs. */
static inline const char *fixture_error_message(Interp *I, const char *text)
{
    Value out;
    interp_clear_error(I);
    cr_assert(!interp_run_string(I, "bad.impact", text, &out), "expected an error for:\n%s", text);
    return interp_error(I)->message;
}

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
    value_release(fixture_eval(I, "test.impact", text));
}

/* The number expr gives in I; the test fails if it is not one. */
static inline double fixture_num(Interp *I, const char *expr)
{
    Value v = fixture_eval(I, "expr.impact", expr);
    cr_assert(v.kind == V_NUM, "%s is not a number", expr);
    double d = v.as.num;
    value_release(v);
    return d;
}

/* In a FIXTURE_SUITE: the number expr gives equals expected to 1e-6
 * (relative; absolute below 1). */
#define EXPECT_NEAR(expr, expected)                                                                \
    do {                                                                                           \
        double got_ = fixture_num(I, expr), want_ = (expected);                                    \
        cr_expect(fabs(got_ - want_) <= 1e-6 * fmax(1.0, fabs(want_)),                             \
                  "%s = %.12g, expected %.12g", expr, got_, want_);                                \
    } while (0)

/* The error text raises in I: its message must hold `want`, at line:col. */
static inline void fixture_expect_error(Interp *I, const char *text, const char *want, int line,
                                        int col)
{
    fixture_error_message(I, text);
    const ImpactError *e = interp_error(I);
    cr_expect(strstr(e->message, want), "message '%s' lacks '%s'", e->message, want);
    cr_expect(e->loc.line == line && e->loc.col == col, "'%s' at %d:%d, expected %d:%d", want,
              e->loc.line, e->loc.col, line, col);
}

#endif
