/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* run_fixture.h — running a program in a unit test and reading its result
 * as text (test_conversions.c, test_depth.c, test_eval.c, test_vector.c);
 * header-only, each test file being its own program. */
#ifndef RUN_FIXTURE_H
#define RUN_FIXTURE_H

#include "runtime/interp.h"

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

#endif
