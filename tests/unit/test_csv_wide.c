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

/* A comma-separated file whose first line is a title of `first` x's (a
 * whole text pasted as a title), then `columns` - 1 titles ",v000001"...,
 * then one row of ones; read without sep:. */
static bool read_long_header(Interp *I, int first, int columns, Value *t)
{
    char path[] = "/tmp/impact-long-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < first; i++) fputc('x', f);
    for (int i = 1; i < columns; i++) fprintf(f, ",v%06d", i);
    fputc('\n', f);
    for (int i = 0; i < columns; i++) fprintf(f, "%s1", i ? "," : "");
    fputc('\n', f);
    fclose(f);
    interp_allow_dir(I, "/tmp", false);
    CsvOptions opt = { 0 };
    opt.header = true;
    opt.min_cell = 1;
    opt.call = (SrcLoc){ "<test>", 1, 1 };
    bool ok = csv_read(I, path, "long.csv", &opt, t);
    unlink(path);
    return ok;
}

/* A first title of 70,000 bytes: the 64 KB (65,536 bytes) first chunk
 * held no separator, so the file was taken for one of one column (its
 * separator ';') and its three comma-separated columns read as one,
 * silently.  Guessed on the whole first line: 3 columns, the last "v000002". */
Test(csv_wide, separator_guessed_on_a_first_line_over_64_kb)
{
    Settings s = { .threads = 1, .min_cell = 1 };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    Value t;
    cr_assert(read_long_header(I, 70000, 3, &t), "%s",
              interp_error(I) ? interp_error(I)->message : "");
    cr_expect_eq(as_table(t)->ncols, 3);
    cr_expect_str_eq(as_table(t)->names[2], "v000002");
    value_release(t);
    interp_free(I);
}

/* A first title of 17,000,000 bytes, past the 16 MiB (16,777,216 bytes) in
 * which a first line's separator is guessed: an error that says so and
 * asks for sep:, not a table of one column. */
Test(csv_wide, first_line_too_long_to_guess_asks_for_sep)
{
    Settings s = { .threads = 1, .min_cell = 1 };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    Value t;
    cr_assert_not(read_long_header(I, 17000000, 2, &t));
    cr_expect(strstr(interp_error(I)->message, "longer than 16 MiB") != NULL, "%s",
              interp_error(I)->message);
    cr_expect(strstr(interp_error(I)->hint, "sep:") != NULL);
    interp_free(I);
}
