/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* wellbeing_fixture.h — a small interpreter with tables built in C, shared by
 * test_rowwise.c and test_survey.c (header-only: each test file is its own
 * program). */
#ifndef WELLBEING_FIXTURE_H
#define WELLBEING_FIXTURE_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"

static inline Interp *wb_interp(void)
{
    Settings s = {
        .samples = 1000, .seed = 1, .min_cell = 11, .format = FORMAT_TEXT, .threads = 1
    };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    /* the tests write their files in /tmp, outside the project folder */
    interp_allow_dir(I, "/tmp", true);
    return I;
}

/* Adds a numeric column; NAN marks a missing answer. */
static inline void wb_add_num(Value table, const char *name, const double *x, size_t n)
{
    Value col = value_column_new(COL_NUM, n);
    memcpy(as_column(col)->num, x, n * sizeof *x);
    table_add_column(table, name, col);
}

/* Adds a text column; NULL marks a missing answer. */
static inline void wb_add_text(Value table, const char *name, const char *const *s, size_t n)
{
    Value col = value_column_new(COL_TEXT, n);
    ColumnObj *c = as_column(col);
    for (size_t i = 0; i < n; i++)
        c->codes[i] = s[i] ? strdict_intern(c->dict, s[i], strlen(s[i])) : -1;
    table_add_column(table, name, col);
}

/* Runs code; on error prints it (the test then fails on the result). */
static inline bool wb_run(Interp *I, const char *code, Value *out)
{
    *out = value_nil();
    bool ok = interp_run_string(I, "<test>", code, out);
    if (!ok) interp_print_error(I, stderr);
    return ok;
}

/* Field of a record result as a number (NAN if absent or not a number). */
static inline double wb_field(Value rec, const char *key)
{
    Value v;
    if (rec.kind != V_RECORD || !record_get(rec, key, &v) || v.kind != V_NUM) return NAN;
    return v.as.num;
}

#define WB_CLOSE(got, want, tol)                                                                   \
    cr_expect(fabs((got) - (want)) <= (tol), "%s = %.10g, expected %.10g", #got, (double)(got),    \
              (double)(want))

#endif
