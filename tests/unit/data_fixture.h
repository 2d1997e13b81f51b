/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* data_fixture.h — helpers for the data-area unit tests (test_csv.c,
 * test_table.c, test_aggregate.c, test_dates.c); header-only, each test file
 * being its own program. */
#ifndef DATA_FIXTURE_H
#define DATA_FIXTURE_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/stdlib.h"

static inline Interp *data_interp(int min_cell)
{
    Settings s = {
        .samples = 1000, .seed = 1, .min_cell = min_cell, .format = FORMAT_TEXT, .threads = 1
    };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    /* the tests write their files in /tmp, outside the project folder */
    interp_allow_dir(I, "/tmp", true);
    return I;
}

/* Absolute path of a file of tests/data (make check-unit sets IMPACT_ROOT). */
static inline const char *data_path(const char *name)
{
    static char buf[4096];
    if (name[0] == '/') return name; /* already absolute (temporary files) */
    const char *root = getenv("IMPACT_ROOT");
    snprintf(buf, sizeof buf, "%s/tests/data/%s", root ? root : ".", name);
    return buf;
}

/* Runs code whose %s are replaced by data_path(name) (one %s at most). */
static inline bool data_run(Interp *I, const char *fmt, const char *name, Value *out)
{
    char code[8192];
    snprintf(code, sizeof code, fmt, name ? data_path(name) : "");
    *out = value_nil();
    return interp_run_string(I, "<test>", code, out);
}

/* Writes text to a fresh temporary file and returns its path (static buffer). */
static inline const char *data_temp_file(const char *text, size_t len)
{
    static char path[64];
    strcpy(path, "/tmp/impact-data-test-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fwrite(text, 1, len, f);
    fclose(f);
    return path;
}

static inline double data_num(Value v)
{
    return v.kind == V_NUM ? v.as.num : NAN;
}

#define DATA_CLOSE(got, want, tol)                                                                 \
    cr_expect(fabs((got) - (want)) <= (tol), "%s = %.17g, expected %.17g", #got, (double)(got),    \
              (double)(want))

#endif
