/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_csv_wide.c — a header of 80,000 columns, each title written twice
 * (an export with many repeated titles): read in linear time.  Renaming
 * the repeated titles compared every title with every other: 61 s of
 * processor time here (47 s for the audit).  The bound below, 15 s of
 * processor time (not of the clock: the machine may be loaded), fails
 * that clearly and leaves a wide margin to the linear reading (0.2 s; about
 * 1.3 s under AddressSanitizer). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/interp.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/stdlib.h"

#include "runtime/asan.h"

/* Under AddressSanitizer every allocation costs far more (80,000 columns
 * took a minute of processor time there): a tenth of the width checks the
 * names, and the time bound is left to the ordinary build. */
#ifdef UNDER_ASAN
enum { COLUMNS = 8000 };
#else
enum { COLUMNS = 80000 };
#endif

Test(csv_wide, eighty_thousand_columns_with_repeated_titles, .timeout = 600)
{
    char path[] = "/tmp/impact-wide-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    /* titles c0 c0 c1 c1 ... c39999 c39999; one row of ones */
    for (int i = 0; i < COLUMNS; i++) fprintf(f, "%sc%d", i ? ";" : "", i / 2);
    fputc('\n', f);
    for (int i = 0; i < COLUMNS; i++) fprintf(f, "%s1", i ? ";" : "");
    fputc('\n', f);
    fclose(f);

    Settings s = { .threads = 1, .min_cell = 1 };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    interp_allow_dir(I, "/tmp", false);
    CsvOptions opt = { 0 };
    opt.header = true;
    opt.min_cell = 1;
    opt.call = (SrcLoc){ "<test>", 1, 1 };
    Value t;
    clock_t start = clock();
    bool ok = csv_read(I, path, "wide.csv", &opt, &t);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    unlink(path);
    cr_assert(ok, "%s", interp_error(I) ? interp_error(I)->message : "");
#ifndef UNDER_ASAN
    cr_expect(seconds < 15, "csv_read took %.1f s of processor time", seconds);
#else
    (void)seconds;
#endif
    const TableObj *tab = as_table(t);
    cr_assert_eq(tab->ncols, COLUMNS);
    /* each first copy keeps its title, the second is "title (2)" */
    cr_expect_str_eq(tab->names[0], "c0");
    cr_expect_str_eq(tab->names[1], "c0 (2)");
    char last[32];
    snprintf(last, sizeof last, "c%d", COLUMNS / 2 - 1); /* c39999 */
    cr_expect_str_eq(tab->names[COLUMNS - 2], last);
    strcat(last, " (2)");
    cr_expect_str_eq(tab->names[COLUMNS - 1], last);
    value_release(t);
    interp_free(I);
}

/* A title that is already the name a copy would get is skipped over:
 * Nom, Nom (2), Nom, Nom become Nom, Nom (2), Nom (3), Nom (4). */
Test(csv_wide, renamed_copies_skip_names_taken)
{
    char path[] = "/tmp/impact-rep-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("Nom;Nom (2);Nom;Nom;Age;Age\n1;2;3;4;5;6\n", f);
    fclose(f);
    Settings s = { .threads = 1, .min_cell = 1 };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    CsvOptions opt = { 0 };
    opt.header = true;
    opt.min_cell = 1;
    opt.call = (SrcLoc){ "<test>", 1, 1 };
    Value t;
    bool ok = csv_read(I, path, "rep.csv", &opt, &t);
    unlink(path);
    cr_assert(ok);
    const char *want[] = { "Nom", "Nom (2)", "Nom (3)", "Nom (4)", "Age", "Age (2)" };
    for (int i = 0; i < 6; i++) cr_expect_str_eq(as_table(t)->names[i], want[i]);
    value_release(t);
    interp_free(I);
}
